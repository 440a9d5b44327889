import { describe, expect, it } from "vitest";
import { smtpCancel, smtpOldInactive, smtpRemoveOldUser, smtpRetire, smtpVerifyCutover } from "./smtp-retire-handlers.ts";
import type { DeletionStepResult } from "./smtp-types.ts";
import { DAY, HOUR, INACTIVE, MIN, NEW, NEW_USER, OLD, OLD_USER, QUIET, T0, at, facts, midFacts, mustSmtp, smtpKey, smtpStates } from "../../testing/smtp-rotation-fixtures.ts";

// The old key quiet since long before the watch began; the new one sending through SES.
const settled = () => midFacts({ lastUsedDate: at(-3 * QUIET) });

describe("smtpVerifyCutover", () => {
  it("moves to retire once the new key sends through SES and the old user is quiet", () => {
    const next = mustSmtp(smtpVerifyCutover(smtpStates.verify(at(-2 * QUIET)), { type: "cutover-confirmed" }, settled()));
    expect(next.state).toMatchObject({ step: "retire", notification: { status: "pending" }, verifyStartedAt: at(-2 * QUIET) });
  });

  it("refuses while the new key has only been used for something else", () => {
    const stsOnly = midFacts({ lastUsedDate: at(-3 * QUIET) }, { lastUsedService: "sts" });
    expect(smtpVerifyCutover(smtpStates.verify(at(-2 * QUIET)), { type: "cutover-confirmed" }, stsOnly)).toMatchObject({ ok: false, code: "new-key-not-used-for-ses" });
  });

  it("refuses when IAM no longer lists the new key", () => {
    expect(smtpVerifyCutover(smtpStates.verify(), { type: "cutover-confirmed" }, facts({ newKeys: [] }))).toMatchObject({ ok: false, code: "key-not-found" });
  });
});

describe("smtpRetire", () => {
  it("tells 2nd line before anything else, and records the answer", () => {
    const asked = mustSmtp(smtpRetire(smtpStates.retire({ status: "pending" }), { type: "send-notification" }, settled()));
    expect(asked.effects).toEqual([{ type: "notify", what: "deactivate", accessKeyId: OLD }]);
    const failed = mustSmtp(smtpRetire(smtpStates.retire({ status: "requested", at: T0 }), { type: "notified", ok: false, detail: "HTTP 500" }, settled()));
    expect(failed.state).toMatchObject({ notification: { status: "failed", detail: "HTTP 500" } });
    expect(smtpRetire(smtpStates.retire({ status: "failed", at: T0, detail: null }), { type: "deactivate-old" }, settled())).toMatchObject({ code: "notification-required" });
    expect(smtpRetire(smtpStates.retire({ status: "pending" }), { type: "skip-notification", reason: " " }, settled())).toMatchObject({ code: "reason-required" });
  });

  it("deactivates every Active key of the old user", () => {
    const two = midFacts({ lastUsedDate: at(-3 * QUIET) }, {}, {});
    two.oldKeys!.push(smtpKey("AKIAOLDSMTP000000009", { status: "Inactive", lastUsedDate: null }));
    const next = mustSmtp(smtpRetire(smtpStates.retire(), { type: "deactivate-old" }, two));
    expect(next.state).toMatchObject({ step: "old-inactive", deactivatedAt: T0, deactivatedKeyIds: [OLD], overrideReason: null });
    expect(next.effects).toEqual([{ type: "set-key-status", userName: OLD_USER, accessKeyId: OLD, status: "Inactive" }]);
  });

  it("lets only an admin with a reason past an unsettled cut-over", () => {
    const loud = midFacts({ lastUsedDate: at(-MIN) });
    const reason = "SES account suspended, old user compromised";
    expect(smtpRetire(smtpStates.retire(), { type: "deactivate-old" }, loud)).toMatchObject({ code: "old-key-not-quiet" });
    expect(smtpRetire(smtpStates.retire(), { type: "deactivate-old", overrideReason: reason }, loud)).toMatchObject({ code: "override-requires-admin" });
    const admin = { ...loud, role: "admin" as const };
    expect(smtpRetire(smtpStates.retire(), { type: "deactivate-old", overrideReason: "short" }, admin)).toMatchObject({ code: "override-reason-too-short" });
    const next = mustSmtp(smtpRetire(smtpStates.retire(), { type: "deactivate-old", overrideReason: reason }, admin));
    expect(next.state).toMatchObject({ step: "old-inactive", overrideReason: reason });
    expect(next.audit).toContain("by admin override");
  });

  it("never lets an override past a missing new key", () => {
    const admin = facts({ role: "admin", newKeys: [] });
    expect(smtpRetire(smtpStates.retire(), { type: "deactivate-old", overrideReason: "we really must go on now" }, admin)).toMatchObject({ code: "key-not-found" });
  });
});

describe("smtpOldInactive", () => {
  const quietInactive = (lastUsedDate: Date | null = at(-INACTIVE - 2 * HOUR)) => midFacts({ status: "Inactive", lastUsedDate });

  it("rolls back: the old keys Active again, the cut-over watched from now", () => {
    const next = mustSmtp(smtpOldInactive(smtpStates.inactive(), { type: "reactivate-old" }, quietInactive()));
    expect(next.state).toMatchObject({ step: "verify-cutover", verifyStartedAt: T0 });
    expect(next.effects).toEqual([{ type: "set-key-status", userName: OLD_USER, accessKeyId: OLD, status: "Active" }]);
  });

  it("starts the removal after the inactive period: notice first, then the user deletion", () => {
    const next = mustSmtp(smtpOldInactive(smtpStates.inactive(at(-INACTIVE - HOUR)), { type: "remove-old-user" }, quietInactive()));
    expect(next.state).toMatchObject({ step: "remove-old-user", removalStartedAt: T0, removed: [] });
    expect(next.effects).toEqual([
      { type: "notify", what: "delete", accessKeyId: OLD },
      { type: "delete-user", userName: OLD_USER },
    ]);
  });

  it("refuses the removal during the inactive period", () => {
    expect(smtpOldInactive(smtpStates.inactive(at(-DAY)), { type: "remove-old-user" }, quietInactive(at(-2 * DAY)))).toMatchObject({ code: "inactive-period-not-over" });
  });
});

describe("smtpRemoveOldUser", () => {
  const step = (result: DeletionStepResult) => ({ type: "removal-step" as const, result });

  it("records each deletion as IAM confirms it, and finishes with the user", () => {
    let state = smtpStates.removing();
    state = mustSmtp(smtpRemoveOldUser(state, step({ step: { kind: "deactivate-access-key", accessKeyId: OLD }, outcome: "done" }), facts())).state as typeof state;
    state = mustSmtp(smtpRemoveOldUser(state, step({ step: { kind: "remove-from-group", groupName: "ses-senders" }, outcome: "already-gone" }), facts())).state as typeof state;
    expect(state.removed.map((r) => [r.step.kind, r.outcome])).toEqual([
      ["deactivate-access-key", "done"],
      ["remove-from-group", "already-gone"],
    ]);
    const done = mustSmtp(smtpRemoveOldUser(state, step({ step: { kind: "delete-user" }, outcome: "done" }), facts()));
    expect(done.state).toMatchObject({ step: "done", completedAt: T0, newUserName: NEW_USER, newKeyId: NEW });
    expect(done.state.step === "done" && done.state.removed).toHaveLength(3);
  });

  it("resumes an interrupted removal by asking the runner to delete the user again", () => {
    const interrupted = smtpStates.removing([{ step: { kind: "delete-access-key", accessKeyId: OLD }, outcome: "done", at: at(-MIN) }]);
    const next = mustSmtp(smtpRemoveOldUser(interrupted, { type: "remove-old-user" }, facts({ oldKeys: [] })));
    expect(next.effects).toEqual([{ type: "delete-user", userName: OLD_USER }]);
    expect(next.state).toEqual(interrupted);
  });

  it("allows a rollback only before the first deletion", () => {
    const inactive = midFacts({ status: "Inactive" });
    expect(mustSmtp(smtpRemoveOldUser(smtpStates.removing(), { type: "reactivate-old" }, inactive)).state.step).toBe("verify-cutover");
    const begun = smtpStates.removing([{ step: { kind: "deactivate-access-key", accessKeyId: OLD }, outcome: "done", at: at(-MIN) }]);
    expect(smtpRemoveOldUser(begun, { type: "reactivate-old" }, inactive)).toMatchObject({ code: "removal-started" });
  });
});

describe("smtpCancel", () => {
  it("is refused once the old user is deactivated or being removed", () => {
    expect(smtpCancel(smtpStates.inactive(), "changed our mind", facts())).toMatchObject({ code: "cancel-after-deactivation" });
    expect(smtpCancel(smtpStates.removing(), "changed our mind", facts())).toMatchObject({ code: "removal-started" });
    expect(smtpCancel(smtpStates.done(), "changed our mind", facts())).toMatchObject({ code: "not-allowed-in-step" });
  });

  it("keeps the new user and says so", () => {
    const next = mustSmtp(smtpCancel(smtpStates.distribute(), "SES sandbox not lifted yet", facts()));
    expect(next.state).toMatchObject({ step: "cancelled", cancelledFrom: "distribute", newUserName: NEW_USER, newKeyId: NEW, reason: "SES sandbox not lifted yet" });
    expect(next.notice).toMatch(new RegExp(`${NEW_USER} and its key ${NEW} still exist`));
  });

  it("has nothing to report before a user was created, and needs a reason", () => {
    const early = mustSmtp(smtpCancel(smtpStates.createUser(), "wrong user", facts()));
    expect(early.state).toMatchObject({ newUserName: null, newKeyId: null });
    expect(early.notice).toBeUndefined();
    const interrupted = mustSmtp(smtpCancel(smtpStates.createUser(NEW_USER, T0), "crashed, stopping", facts()));
    expect(interrupted.state).toMatchObject({ newUserName: NEW_USER });
    expect(interrupted.notice).toMatch(new RegExp(`Creating ${NEW_USER} was started but not confirmed. Check in IAM`));
    expect(smtpCancel(smtpStates.confirm(), "  ", facts())).toMatchObject({ code: "reason-required" });
  });
});
