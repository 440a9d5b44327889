import { describe, expect, it } from "vitest";
import { DEFAULT_RULES_CONFIG } from "./key-guards.ts";
import { checkRemoveOldUser, evaluateSmtpCutover, orphanKeysGuard, smtpCutoverRefusal } from "./smtp-guards.ts";
import { HOUR, INACTIVE, MIN, NEW, NEW_USER, OLD, OLD_USER, QUIET, T0, at, smtpKey } from "../../testing/smtp-rotation-fixtures.ts";

const config = DEFAULT_RULES_CONFIG;
const fresh = (overrides = {}) => smtpKey(NEW, { createDate: at(-2 * QUIET), lastUsedDate: at(-MIN), ...overrides });

describe("evaluateSmtpCutover", () => {
  const since = { verifyStartedAt: at(-2 * QUIET) };

  it("is settled once the new key sends through SES and the old user has been quiet for the window", () => {
    const evaluation = evaluateSmtpCutover(since, [smtpKey(OLD, { lastUsedDate: at(-QUIET - MIN) })], fresh(), T0, config);
    expect(evaluation).toMatchObject({ settled: true, newKeyInUse: true, newKeyService: "ses", loudestOldKeyId: OLD });
    expect(evaluation.reason).toMatch(/settled/);
  });

  it("waits for the new key's first use", () => {
    const evaluation = evaluateSmtpCutover(since, [smtpKey(OLD, { lastUsedDate: at(-2 * QUIET) })], fresh({ lastUsedDate: null, lastUsedService: null }), T0, config);
    expect(evaluation).toMatchObject({ settled: false, newKeyInUse: false, newKeyService: null });
    expect(evaluation.reason).toMatch(/no use yet/);
  });

  it("does not count use for another service: SMTP credentials are in use once mail is sent", () => {
    const evaluation = evaluateSmtpCutover(since, [smtpKey(OLD, { lastUsedDate: at(-2 * QUIET) })], fresh({ lastUsedService: "sts" }), T0, config);
    expect(evaluation).toMatchObject({ settled: false, newKeyInUse: false, newKeyService: "sts" });
    expect(evaluation.reason).toMatch(/"sts", not SES/);
    expect(smtpCutoverRefusal(evaluation, fresh({ lastUsedService: "sts" }))?.code).toBe("new-key-not-used-for-ses");
  });

  it("counts the quiet from the old user's most recent use, across all its keys", () => {
    const keys = [smtpKey(OLD, { lastUsedDate: at(-3 * QUIET) }), smtpKey("AKIAOLDSMTP000000009", { lastUsedDate: at(-HOUR) })];
    const evaluation = evaluateSmtpCutover(since, keys, fresh(), T0, config);
    expect(evaluation).toMatchObject({ settled: false, loudestOldKeyId: "AKIAOLDSMTP000000009", oldKeyQuietForMs: HOUR });
    expect(smtpCutoverRefusal(evaluation, fresh())?.code).toBe("old-key-not-quiet");
  });

  it("counts from the start of the watch when the old user was quiet before it", () => {
    const evaluation = evaluateSmtpCutover({ verifyStartedAt: at(-HOUR) }, [smtpKey(OLD, { lastUsedDate: at(-3 * QUIET) })], fresh(), T0, config);
    expect(evaluation.oldKeyQuietForMs).toBe(HOUR);
    expect(evaluation.settled).toBe(false);
  });

  it("takes an old user without keys as quiet", () => {
    expect(evaluateSmtpCutover(since, [], fresh(), T0, config)).toMatchObject({ settled: true, loudestOldKeyId: null });
  });

  it("refuses an Inactive new key however settled", () => {
    const inactive = fresh({ status: "Inactive" });
    const evaluation = evaluateSmtpCutover(since, [], inactive, T0, config);
    expect(smtpCutoverRefusal(evaluation, inactive)).toMatchObject({ code: "new-key-not-in-use", message: expect.stringMatching(/Inactive/) });
  });
});

describe("orphanKeysGuard", () => {
  it("lets never-used keys be replaced (nobody saw their secret)", () => {
    expect(orphanKeysGuard([smtpKey(NEW, { lastUsedDate: null })], NEW_USER)).toEqual({ ok: true });
    expect(orphanKeysGuard([], NEW_USER)).toEqual({ ok: true });
  });

  it("refuses a used key this rotation did not create", () => {
    expect(orphanKeysGuard([smtpKey(NEW)], NEW_USER)).toMatchObject({ ok: false, code: "orphan-key-used", message: expect.stringContaining(NEW) });
  });

  it("refuses a user that already has two keys", () => {
    const two = [smtpKey(NEW, { lastUsedDate: null }), smtpKey("AKIANEWSMTP000000003", { lastUsedDate: null })];
    expect(orphanKeysGuard(two, NEW_USER)).toMatchObject({ ok: false, code: "third-key" });
  });
});

describe("checkRemoveOldUser", () => {
  const input = (keys = [smtpKey(OLD, { status: "Inactive", lastUsedDate: at(-INACTIVE - 2 * HOUR) })], deactivatedAt = at(-INACTIVE - HOUR)) => ({
    oldKeys: keys,
    oldUserName: OLD_USER,
    deactivatedAt,
    config,
    now: T0,
  });

  it("allows the removal after the inactive period with no attempted use", () => {
    expect(checkRemoveOldUser(input())).toEqual({ ok: true });
    expect(checkRemoveOldUser(input([]))).toEqual({ ok: true });
  });

  it("refuses before the inactive period is over", () => {
    expect(checkRemoveOldUser(input(undefined, at(-HOUR)))).toMatchObject({ ok: false, code: "inactive-period-not-over" });
  });

  it("refuses when something tried the old key after it was deactivated", () => {
    const tried = smtpKey(OLD, { status: "Inactive", lastUsedDate: at(-MIN) });
    expect(checkRemoveOldUser(input([tried]))).toMatchObject({ ok: false, code: "used-after-deactivation" });
  });

  it("refuses a user whose key is Active again, and says how to roll back", () => {
    expect(checkRemoveOldUser(input([smtpKey(OLD, { lastUsedDate: at(-INACTIVE - 2 * HOUR) })]))).toMatchObject({
      ok: false,
      code: "active-key-delete",
      message: expect.stringMatching(/Active again.*Reactivate/),
    });
  });
});
