import { describe, expect, it } from "vitest";
import {
  checkCreateKey,
  checkDeactivateKey,
  checkDeleteKey,
  DEFAULT_RULES_CONFIG as config,
  checkReactivateKey,
  evaluateCutover,
  formatDuration,
} from "./key-guards.ts";
import { DAY, HOUR, INACTIVE, MIN, NEW, OLD, QUIET, T0, at, key } from "../../testing/rotation-fixtures.ts";


describe("evaluateCutover", () => {
  const fresh = (lastUsedDate: Date | null) => key(NEW, { createDate: T0, lastUsedDate });
  const verify = { verifyStartedAt: T0 };

  it("counts the new key in use from a Last used at exactly its creation", () => {
    const result = evaluateCutover(verify, key(OLD, { lastUsedDate: null }), fresh(T0), at(QUIET), config);
    expect(result.newKeyInUse).toBe(true);
    expect(result.settled).toBe(true);
  });

  it("does not count a new key never used, or used only before its creation", () => {
    for (const lastUsedDate of [null, at(-1)]) {
      const result = evaluateCutover(verify, key(OLD, { lastUsedDate: null }), fresh(lastUsedDate), at(2 * QUIET), config);
      expect(result.newKeyInUse).toBe(false);
      expect(result.settled).toBe(false);
      expect(result.reason).toContain("no use yet");
    }
  });

  it("measures quiet from verification start when the old key was last used before it", () => {
    const result = evaluateCutover(verify, key(OLD, { lastUsedDate: at(-5 * DAY) }), fresh(T0), at(HOUR), config);
    expect(result.oldKeyQuietSince).toEqual(T0);
    expect(result.oldKeyQuietForMs).toBe(HOUR);
  });

  it("measures quiet from the old key's last use when it came after verification start", () => {
    const result = evaluateCutover(verify, key(OLD, { lastUsedDate: at(3 * HOUR) }), fresh(T0), at(5 * HOUR), config);
    expect(result.oldKeyQuietSince).toEqual(at(3 * HOUR));
    expect(result.oldKeyQuietForMs).toBe(2 * HOUR);
  });

  it("settles at exactly the quiet window and not 1 ms before", () => {
    const old = key(OLD, { lastUsedDate: at(HOUR) });
    expect(evaluateCutover(verify, old, fresh(T0), at(HOUR + QUIET), config).settled).toBe(true);
    const early = evaluateCutover(verify, old, fresh(T0), at(HOUR + QUIET - 1), config);
    expect(early.settled).toBe(false);
    expect(early.newKeyInUse).toBe(true);
    expect(early.reason).toContain("quiet only");
  });

  it("never reports negative quiet when Last used is ahead of the clock", () => {
    const result = evaluateCutover(verify, key(OLD, { lastUsedDate: at(MIN) }), fresh(T0), T0, config);
    expect(result.oldKeyQuietForMs).toBe(0);
  });
});

describe("checkCreateKey", () => {
  it("allows a first or second key", () => {
    expect(checkCreateKey([])).toEqual({ ok: true });
    expect(checkCreateKey([key(OLD)])).toEqual({ ok: true });
  });

  it("refuses a third key and explains the runbook", () => {
    const result = checkCreateKey([key(OLD), key(NEW)]);
    expect(result).toMatchObject({ ok: false, code: "third-key" });
    expect(!result.ok && result.message).toMatch(/one key, two only mid-rotation/);
  });
});

describe("checkDeactivateKey", () => {
  const base = { role: "rotator" as const, config, now: T0 };
  const usedOld = key(OLD, { lastUsedDate: at(-QUIET) });
  const cutOverNew = key(NEW, { createDate: at(-2 * DAY), lastUsedDate: at(-MIN) });

  it("allows a key that was never used, even without another key", () => {
    expect(checkDeactivateKey({ ...base, key: key(OLD, { lastUsedDate: null }), otherKeys: [] })).toEqual({ ok: true });
  });

  it("refuses a key that is already Inactive", () => {
    const result = checkDeactivateKey({ ...base, key: key(OLD, { status: "Inactive" }), otherKeys: [] });
    expect(result).toMatchObject({ ok: false, code: "key-already-inactive" });
  });

  it("allows a used key once another key is in use and this one has been quiet exactly the window", () => {
    expect(checkDeactivateKey({ ...base, key: usedOld, otherKeys: [cutOverNew] })).toEqual({ ok: true });
  });

  it("refuses a key used 1 ms inside the quiet window", () => {
    const recent = key(OLD, { lastUsedDate: at(-QUIET + 1) });
    const result = checkDeactivateKey({ ...base, key: recent, otherKeys: [cutOverNew] });
    expect(result).toMatchObject({ ok: false, code: "old-key-not-quiet" });
  });

  it("refuses a used key when no other Active key is in use", () => {
    const others = [[], [key(NEW, { lastUsedDate: null })], [{ ...cutOverNew, status: "Inactive" as const }]];
    for (const otherKeys of others) {
      expect(checkDeactivateKey({ ...base, key: usedOld, otherKeys })).toMatchObject({
        ok: false,
        code: "new-key-not-in-use",
      });
    }
  });

  it("lets an admin override with a reason of at least 10 characters, and reports the override", () => {
    const overrideReason = "  0123456789  ";
    const result = checkDeactivateKey({ ...base, role: "admin", key: usedOld, otherKeys: [], overrideReason });
    expect(result).toEqual({ ok: true, overrideReason: "0123456789" });
  });

  it("refuses an admin without a reason with the original safety code", () => {
    const result = checkDeactivateKey({ ...base, role: "admin", key: usedOld, otherKeys: [], overrideReason: "   " });
    expect(result).toMatchObject({ ok: false, code: "new-key-not-in-use" });
  });

  it("refuses an admin reason of 9 characters", () => {
    const result = checkDeactivateKey({ ...base, role: "admin", key: usedOld, otherKeys: [], overrideReason: "123456789" });
    expect(result).toMatchObject({ ok: false, code: "override-reason-too-short" });
  });

  it("refuses a rotator's override even with a good reason", () => {
    const result = checkDeactivateKey({
      ...base,
      key: usedOld,
      otherKeys: [],
      overrideReason: "service decommissioned yesterday",
    });
    expect(result).toMatchObject({ ok: false, code: "override-requires-admin" });
    expect(!result.ok && result.message).toMatch(/ask an admin/);
  });
});

describe("checkReactivateKey", () => {
  it("allows an Inactive key and refuses an Active one", () => {
    expect(checkReactivateKey(key(OLD, { status: "Inactive" }))).toEqual({ ok: true });
    expect(checkReactivateKey(key(OLD))).toMatchObject({ ok: false, code: "key-not-inactive" });
  });
});

describe("checkDeleteKey", () => {
  const inactive = (lastUsedDate: Date | null) => key(OLD, { status: "Inactive", lastUsedDate });

  it("never deletes an Active key, even one never used", () => {
    const result = checkDeleteKey({ key: key(OLD, { lastUsedDate: null }), config, now: T0, deactivatedAt: null });
    expect(result).toMatchObject({ ok: false, code: "active-key-delete" });
  });

  it("deletes an Inactive never-used key right away", () => {
    expect(checkDeleteKey({ key: inactive(null), config, now: T0, deactivatedAt: T0 })).toEqual({ ok: true });
  });

  it("checks the quiet window too: exactly the window passes, 1 ms less fails", () => {
    const noInactivePeriod = { ...config, inactivePeriodMs: 0 };
    expect(checkDeleteKey({ key: inactive(at(-QUIET)), config: noInactivePeriod, now: T0, deactivatedAt: at(-QUIET) })).toEqual({ ok: true });
    expect(checkDeleteKey({ key: inactive(at(-QUIET + 1)), config: noInactivePeriod, now: T0, deactivatedAt: at(-QUIET + 1) })).toMatchObject({
      ok: false,
      code: "used-within-quiet-window",
    });
  });

  it("does not know the inactive period when nobody recorded when the key went Inactive: only an admin, with a reason, may delete", () => {
    const used = inactive(at(-30 * DAY));
    expect(checkDeleteKey({ key: used, config, now: T0, deactivatedAt: null })).toMatchObject({ ok: false, code: "inactive-since-unknown" });
    expect(checkDeleteKey({ key: used, config, now: T0, deactivatedAt: null, role: "rotator", overrideReason: "it has been off for months" })).toMatchObject({
      ok: false,
      code: "override-requires-admin",
    });
    expect(checkDeleteKey({ key: used, config, now: T0, deactivatedAt: null, role: "admin", overrideReason: "off since the March incident" })).toEqual({
      ok: true,
      overrideReason: "off since the March incident",
    });
    // A never-used key has nothing to wait for.
    expect(checkDeleteKey({ key: inactive(null), config, now: T0, deactivatedAt: null })).toEqual({ ok: true });
  });

  it("refuses use after deactivation, but not use at the deactivation instant", () => {
    const now = at(INACTIVE);
    expect(checkDeleteKey({ key: inactive(at(1)), config, now, deactivatedAt: T0 })).toMatchObject({
      ok: false,
      code: "used-after-deactivation",
    });
    expect(checkDeleteKey({ key: inactive(T0), config, now, deactivatedAt: T0 })).toEqual({ ok: true });
  });

  it("waits exactly the inactive period for a used key", () => {
    const used = inactive(at(-DAY));
    expect(checkDeleteKey({ key: used, config, now: at(INACTIVE), deactivatedAt: T0 })).toEqual({ ok: true });
    const early = checkDeleteKey({ key: used, config, now: at(INACTIVE - 1), deactivatedAt: T0 });
    expect(early).toMatchObject({ ok: false, code: "inactive-period-not-over" });
    expect(!early.ok && early.message).toMatch(/less than a minute/);
  });

  it("still applies the quiet window when the inactive period is shorter than it", () => {
    const short = { quietWindowMs: 2 * DAY, inactivePeriodMs: DAY };
    const result = checkDeleteKey({ key: inactive(T0), config: short, now: at(DAY), deactivatedAt: T0 });
    expect(result).toMatchObject({ ok: false, code: "used-within-quiet-window" });
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(59_999)).toBe("less than a minute");
    expect(formatDuration(DAY + 2 * HOUR + 3 * MIN)).toBe("1 d 2 h");
    expect(formatDuration(HOUR + 5 * MIN)).toBe("1 h 5 min");
  });
});
