import { describe, expect, it } from "vitest";
import { transition } from "./machine.ts";
import { DAY, HOUR, INACTIVE, NEW, OLD, QUIET, T0, at, ctx, key, midRotationKeys, must, states } from "../../testing/rotation-fixtures.ts";
import type { RotationEvent } from "./types.ts";

// verify() starts at T0, the new key is used at T0 and the old key last at T0 - 2 h: settled at T0 + QUIET.
describe("verify-cutover", () => {
  const confirm: RotationEvent = { type: "cutover-confirmed" };

  it("settles at exactly the quiet window after verification start, not 1 ms earlier", () => {
    const early = transition(states.verify(), confirm, ctx(midRotationKeys(), { now: at(QUIET - 1) }));
    expect(early).toMatchObject({ ok: false, code: "old-key-not-quiet" });
    const result = must(transition(states.verify(), confirm, ctx(midRotationKeys(), { now: at(QUIET) })));
    expect(result.state).toMatchObject({
      step: "retire",
      newKeyId: NEW,
      verifyStartedAt: T0,
      notification: { status: "pending" },
    });
  });

  it("refuses while the new key shows no use, even long after", () => {
    const keys = midRotationKeys({}, { lastUsedDate: null });
    expect(transition(states.verify(), confirm, ctx(keys, { now: at(10 * DAY) }))).toMatchObject({
      ok: false,
      code: "new-key-not-in-use",
    });
  });

  it("refuses when the new key is Inactive", () => {
    const keys = midRotationKeys({}, { status: "Inactive" });
    expect(transition(states.verify(), confirm, ctx(keys, { now: at(10 * DAY) }))).toMatchObject({
      ok: false,
      code: "new-key-not-in-use",
    });
  });

  it("refuses when either key is gone from IAM", () => {
    const now = at(10 * DAY);
    expect(transition(states.verify(), confirm, ctx([key(NEW)], { now }))).toMatchObject({ code: "key-not-found" });
    expect(transition(states.verify(), confirm, ctx([key(OLD)], { now }))).toMatchObject({ code: "key-not-found" });
  });
});

describe("retire: notification", () => {
  const keys = midRotationKeys();
  const settled = ctx(keys, { now: at(QUIET) });

  it("hands out a notify effect and records the request", () => {
    const result = must(transition(states.retire({ status: "pending" }), { type: "send-notification" }, settled));
    expect(result.effects).toEqual([{ type: "notify", what: "deactivate", accessKeyId: OLD }]);
    expect(result.state).toMatchObject({ notification: { status: "requested", at: at(QUIET) } });
  });

  it("records success and failure of the notification", () => {
    const sent = must(transition(states.retire({ status: "pending" }), { type: "notified", ok: true }, settled));
    expect(sent.state).toMatchObject({ notification: { status: "sent" } });
    const failedEvent: RotationEvent = { type: "notified", ok: false, detail: "HTTP 502" };
    const failed = must(transition(states.retire({ status: "pending" }), failedEvent, settled));
    expect(failed.state).toMatchObject({ notification: { status: "failed", detail: "HTTP 502" } });
  });

  it("requires a reason to skip the notification", () => {
    const refused = transition(states.retire({ status: "pending" }), { type: "skip-notification", reason: "  " }, settled);
    expect(refused).toMatchObject({ ok: false, code: "reason-required" });
    const skip: RotationEvent = { type: "skip-notification", reason: "2nd line on call here" };
    const skipped = must(transition(states.retire({ status: "pending" }), skip, settled));
    expect(skipped.state).toMatchObject({ notification: { status: "skipped", reason: "2nd line on call here" } });
  });

  it("refuses to deactivate while the notification is pending, requested or failed", () => {
    const notDone = [
      { status: "pending" },
      { status: "requested", at: T0 },
      { status: "failed", at: T0, detail: null },
    ] as const;
    for (const notification of notDone) {
      const result = transition(states.retire(notification), { type: "deactivate-old" }, settled);
      expect(result).toMatchObject({ ok: false, code: "notification-required" });
    }
  });

  it("checks the notification before any admin override", () => {
    const admin = ctx(keys, { role: "admin", now: T0 });
    const event: RotationEvent = { type: "deactivate-old", overrideReason: "outage, agreed with Sam" };
    const result = transition(states.retire({ status: "pending" }), event, admin);
    expect(result).toMatchObject({ ok: false, code: "notification-required" });
  });

  it("deactivates after a skipped notification", () => {
    const state = states.retire({ status: "skipped", at: T0, reason: "told them by phone" });
    expect(must(transition(state, { type: "deactivate-old" }, settled)).state.step).toBe("old-inactive");
  });
});

describe("retire: deactivate-old", () => {
  const deactivate: RotationEvent = { type: "deactivate-old" };

  it("makes the old key Inactive once the cut-over is settled", () => {
    const result = must(transition(states.retire(), deactivate, ctx(midRotationKeys(), { now: at(QUIET) })));
    expect(result.effects).toEqual([{ type: "set-key-status", accessKeyId: OLD, status: "Inactive" }]);
    expect(result.state).toMatchObject({ step: "old-inactive", deactivatedAt: at(QUIET), overrideReason: null });
  });

  it("re-checks the cut-over: an old key used again since confirmation blocks deactivation", () => {
    const keys = midRotationKeys({ lastUsedDate: at(QUIET - HOUR) });
    expect(transition(states.retire(), deactivate, ctx(keys, { now: at(QUIET) }))).toMatchObject({
      ok: false,
      code: "old-key-not-quiet",
    });
  });

  describe("admin override while the cut-over is not settled", () => {
    const early = (role: "admin" | "rotator") => ctx(midRotationKeys(), { role, now: at(HOUR) });
    const withReason: RotationEvent = { type: "deactivate-old", overrideReason: "customer outage, agreed" };

    it("lets an admin through with a reason of 10 characters and records it", () => {
      const event: RotationEvent = { type: "deactivate-old", overrideReason: "0123456789" };
      const result = must(transition(states.retire(), event, early("admin")));
      expect(result.state).toMatchObject({ step: "old-inactive", overrideReason: "0123456789" });
      expect(result.audit).toContain("admin override: 0123456789");
    });

    it("refuses an admin without a reason, or with 9 characters", () => {
      const bare = transition(states.retire(), deactivate, early("admin"));
      expect(bare).toMatchObject({ ok: false, code: "old-key-not-quiet" });
      const short = transition(states.retire(), { type: "deactivate-old", overrideReason: "012345678" }, early("admin"));
      expect(short).toMatchObject({ ok: false, code: "override-reason-too-short" });
    });

    it("refuses a rotator who gives a reason", () => {
      const result = transition(states.retire(), withReason, early("rotator"));
      expect(result).toMatchObject({ ok: false, code: "override-requires-admin" });
    });

    it("does not let an override past a key that IAM no longer lists", () => {
      const admin = ctx([key(OLD)], { role: "admin", now: at(HOUR) });
      const result = transition(states.retire(), withReason, admin);
      expect(result).toMatchObject({ ok: false, code: "key-not-found" });
    });
  });

  describe("never-used path (no new key)", () => {
    it("deactivates without any cut-over check", () => {
      const keys = [key(OLD, { lastUsedDate: null })];
      const result = must(transition(states.retireNeverUsed(), deactivate, ctx(keys)));
      expect(result.state).toMatchObject({ step: "old-inactive", newKeyId: null, deactivatedAt: T0 });
    });

    it("refuses if the key has been used since the rotation found it unused, unless an admin overrides", () => {
      const keys = [key(OLD, { lastUsedDate: at(-HOUR) })];
      const refused = transition(states.retireNeverUsed(), deactivate, ctx(keys));
      expect(refused).toMatchObject({ ok: false, code: "key-was-used" });
      const admin = ctx(keys, { role: "admin" });
      const event: RotationEvent = { type: "deactivate-old", overrideReason: "test account only" };
      const override = transition(states.retireNeverUsed(), event, admin);
      expect(override).toMatchObject({ ok: true, state: { step: "old-inactive" } });
    });
  });
});

describe("old-inactive", () => {
  const inactiveOld = (lastUsedDate: Date | null = at(-2 * HOUR)) => key(OLD, { status: "Inactive", lastUsedDate });
  const deleteAt = (now: Date, keys = [inactiveOld(), key(NEW)], state = states.inactive()) =>
    transition(state, { type: "delete-old" }, ctx(keys, { now }));

  it("deletes a used key after exactly the inactive period, then tells 2nd line", () => {
    const result = must(deleteAt(at(INACTIVE)));
    expect(result.effects).toEqual([
      { type: "delete-key", accessKeyId: OLD },
      { type: "notify", what: "delete", accessKeyId: OLD },
    ]);
    expect(result.state).toMatchObject({ step: "done", completedAt: at(INACTIVE), oldKeyId: OLD, newKeyId: NEW });
  });

  it("refuses 1 ms before the inactive period is over", () => {
    expect(deleteAt(at(INACTIVE - 1))).toMatchObject({ ok: false, code: "inactive-period-not-over" });
  });

  it("refuses when the old key was tried after deactivation", () => {
    const triedLater = [inactiveOld(at(DAY)), key(NEW)];
    expect(deleteAt(at(INACTIVE), triedLater)).toMatchObject({ ok: false, code: "used-after-deactivation" });
  });

  it("never deletes a key someone made Active again outside keyrotate", () => {
    expect(deleteAt(at(INACTIVE), [key(OLD), key(NEW)])).toMatchObject({ ok: false, code: "active-key-delete" });
  });

  it("applies the quiet window when the configured inactive period is shorter", () => {
    const keys = [inactiveOld(T0), key(NEW)];
    const config = { quietWindowMs: 2 * DAY, inactivePeriodMs: DAY };
    const result = transition(states.inactive(), { type: "delete-old" }, ctx(keys, { now: at(DAY), config }));
    expect(result).toMatchObject({ ok: false, code: "used-within-quiet-window" });
  });

  it("deletes a never-used key right after deactivation", () => {
    const result = deleteAt(T0, [inactiveOld(null)], states.inactive(null));
    expect(result).toMatchObject({ ok: true, state: { step: "done", newKeyId: null } });
  });

  it("finishes without effects when the old key is already gone", () => {
    const result = must(deleteAt(T0, [key(NEW)]));
    expect(result.effects).toEqual([]);
    expect(result.state.step).toBe("done");
  });

  it("rolls back: reactivates the old key and restarts verification from now", () => {
    const keys = [inactiveOld(), key(NEW)];
    const result = must(transition(states.inactive(), { type: "reactivate-old" }, ctx(keys, { now: at(DAY) })));
    expect(result.effects).toEqual([{ type: "set-key-status", accessKeyId: OLD, status: "Active" }]);
    expect(result.state).toMatchObject({ step: "verify-cutover", oldKeyId: OLD, newKeyId: NEW, verifyStartedAt: at(DAY) });
  });

  it("rolls back a never-used retirement to retire, with a fresh notification", () => {
    const result = must(transition(states.inactive(null), { type: "reactivate-old" }, ctx([inactiveOld(null)])));
    expect(result.state).toMatchObject({ step: "retire", newKeyId: null, notification: { status: "pending" } });
  });

  it("rolls back without an effect when the key is already Active, and refuses when it is gone", () => {
    const already = must(transition(states.inactive(), { type: "reactivate-old" }, ctx([key(OLD), key(NEW)])));
    expect(already.effects).toEqual([]);
    expect(already.state.step).toBe("verify-cutover");
    const gone = transition(states.inactive(), { type: "reactivate-old" }, ctx([key(NEW)]));
    expect(gone).toMatchObject({ code: "key-not-found" });
  });
});

describe("cancel", () => {
  const cancel = (reason = "owner asked to wait"): RotationEvent => ({ type: "cancel", reason });
  const anyKeys = ctx(midRotationKeys());

  it("is allowed from every step before the old key is deactivated", () => {
    const { resolve, confirm, create, distribute, verify, retire, retireNeverUsed } = states;
    const before = [resolve(), confirm(), create(), distribute(), verify(), retire(), retireNeverUsed()];
    for (const state of before) {
      const result = must(transition(state, cancel(), anyKeys));
      expect(result.state).toMatchObject({ step: "cancelled", cancelledFrom: state.step, reason: "owner asked to wait" });
      expect(result.effects).toEqual([]);
    }
  });

  it("needs a reason", () => {
    expect(transition(states.confirm(), cancel(" "), anyKeys)).toMatchObject({ ok: false, code: "reason-required" });
  });

  it("is refused once the old key is Inactive, pointing to rollback", () => {
    const result = transition(states.inactive(), cancel(), anyKeys);
    expect(result).toMatchObject({ ok: false, code: "cancel-after-deactivation" });
    expect(!result.ok && result.message).toMatch(/Reactivate old key/);
  });

  it("is refused on a finished rotation", () => {
    for (const state of [states.done(), states.cancelled()]) {
      expect(transition(state, cancel(), anyKeys)).toMatchObject({ ok: false, code: "not-allowed-in-step" });
    }
  });

  it("keeps a created new key and tells the user both keys now exist", () => {
    const result = must(transition(states.distribute(), cancel(), anyKeys));
    expect(result.state).toMatchObject({ oldKeyId: OLD, newKeyId: NEW });
    expect(result.notice).toMatch(/Both keys still exist/);
  });

  it("warns that a key may exist when cancelled after creation was requested", () => {
    expect(must(transition(states.create(T0), cancel(), anyKeys)).notice).toMatch(/may already have been created/);
    expect(must(transition(states.create(), cancel(), anyKeys)).notice).toBeUndefined();
  });
});
