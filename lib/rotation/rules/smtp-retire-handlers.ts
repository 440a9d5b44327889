// SMTP user rotation from the cut-over to the old user's removal, plus cancel: the steps that touch
// the old user. Its removal is resumable: every deletion IAM confirms is recorded as it happens.
import { describeDeletionStep } from "../../iam/user-deletion-plan.ts";
import { applyOverride } from "./key-guards.ts";
import { notificationRefusal } from "./retire-handlers.ts";
import { checkRemoveOldUser, evaluateSmtpCutover, refuseSmtp, smtpCutoverRefusal } from "./smtp-guards.ts";
import { smtpNotAllowed, smtpOk } from "./smtp-handlers.ts";
import type {
  SmtpEffect,
  SmtpFacts,
  SmtpGuardResult,
  SmtpKeySnapshot,
  SmtpRotationEvent,
  SmtpRotationState,
  SmtpStateOf,
  SmtpTransitionResult,
  SmtpViolationCode,
} from "./smtp-types.ts";
import type { NotificationRecord } from "./types.ts";

type NewKeyState = SmtpStateOf<"verify-cutover" | "retire" | "old-inactive" | "remove-old-user">;

function newKeyOf(state: NewKeyState, facts: SmtpFacts): SmtpKeySnapshot | null {
  return facts.newKeys?.find((k) => k.accessKeyId === state.newKeyId) ?? null;
}

/** The carried-over fields of every state that has a new key. */
function carried(state: NewKeyState) {
  const { startedAt, oldUserName, oldKeyIds, newUserName, copied, newKeyId, region } = state;
  return { startedAt, oldUserName, oldKeyIds, newUserName, copied, newKeyId, region };
}

function cutoverGuard(state: SmtpStateOf<"verify-cutover" | "retire">, facts: SmtpFacts): SmtpGuardResult {
  const newKey = newKeyOf(state, facts);
  if (!newKey) {
    return refuseSmtp(
      "key-not-found",
      `IAM no longer lists key ${state.newKeyId} for ${state.newUserName}. Reload the page; if it was changed outside ` +
        "keyrotate, check the new user in IAM before going on.",
    );
  }
  // An old user IAM no longer has is as quiet as it gets.
  const evaluation = evaluateSmtpCutover(state, facts.oldKeys ?? [], newKey, facts.now, facts.config);
  return smtpCutoverRefusal(evaluation, newKey) ?? { ok: true };
}

export function smtpVerifyCutover(state: SmtpStateOf<"verify-cutover">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (event.type !== "cutover-confirmed") return smtpNotAllowed(state, event);
  const guard = cutoverGuard(state, facts);
  if (!guard.ok) return guard;
  return smtpOk(
    { ...carried(state), step: "retire", verifyStartedAt: state.verifyStartedAt, notification: { status: "pending" } },
    [],
    `Cut-over settled: ${state.newUserName} (key ${state.newKeyId}) sends through SES, ${state.oldUserName} is quiet.`,
  );
}

export function smtpRetire(state: SmtpStateOf<"retire">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  const withNotification = (notification: NotificationRecord, audit: string) => smtpOk({ ...state, notification }, [], audit);
  switch (event.type) {
    case "send-notification":
      return smtpOk(
        { ...state, notification: { status: "requested", at: facts.now } },
        [{ type: "notify", what: "deactivate", accessKeyId: state.oldKeyIds[0] }],
        `Notifying 2nd line that ${state.oldUserName} will be deactivated.`,
      );
    case "notified":
      return event.ok
        ? withNotification({ status: "sent", at: facts.now }, `2nd line notified about ${state.oldUserName}.`)
        : withNotification(
            { status: "failed", at: facts.now, detail: event.detail ?? null },
            `Notifying 2nd line about ${state.oldUserName} failed${event.detail ? `: ${event.detail}` : ""}.`,
          );
    case "skip-notification": {
      const reason = event.reason.trim();
      if (reason === "") return refuseSmtp("reason-required", "Say why 2nd line is not being told (it goes in the audit log).");
      return withNotification({ status: "skipped", at: facts.now, reason }, `Skipped notifying 2nd line about ${state.oldUserName}: ${reason}`);
    }
    case "deactivate-old":
      return deactivateOld(state, event.overrideReason, facts);
    default:
      return smtpNotAllowed(state, event);
  }
}

function deactivateOld(state: SmtpStateOf<"retire">, overrideReason: string | undefined, facts: SmtpFacts): SmtpTransitionResult {
  const notified = notificationRefusal(state.notification);
  if (!notified.ok) return notified;
  const safety = cutoverGuard(state, facts);
  const guard = safety.ok ? safety : withOverride(safety, facts, overrideReason);
  if (!guard.ok) return guard;
  const active = (facts.oldKeys ?? []).filter((k) => k.status === "Active").map((k) => k.accessKeyId);
  const override = guard.overrideReason ?? null;
  return smtpOk(
    {
      ...carried(state),
      step: "old-inactive",
      deactivatedAt: facts.now,
      deactivatedKeyIds: active,
      overrideReason: override,
    },
    active.map((accessKeyId): SmtpEffect => ({ type: "set-key-status", userName: state.oldUserName, accessKeyId, status: "Inactive" })),
    `Deactivated ${state.oldUserName} (key ${active.join(", ") || "none Active"})` + (override ? ` by admin override: ${override}` : "."),
  );
}

/** Safety checks an admin may override with a written reason (deactivate-old only); a missing key is a fact, not a judgement. */
export const SMTP_OVERRIDABLE: ReadonlySet<SmtpViolationCode> = new Set(["new-key-not-in-use", "new-key-not-used-for-ses", "old-key-not-quiet"]);

function withOverride(refusal: Extract<SmtpGuardResult, { ok: false }>, facts: SmtpFacts, reason: string | undefined): SmtpGuardResult {
  if (!SMTP_OVERRIDABLE.has(refusal.code)) return refusal;
  // applyOverride speaks the key rules' codes: it hears this refusal as one of them, and a refusal
  // that stands keeps its own code.
  const result = applyOverride({ ok: false, code: "new-key-not-in-use", message: refusal.message }, facts.role, reason);
  return result.ok || result.code !== "new-key-not-in-use" ? result : refusal;
}

function reactivateOld(state: SmtpStateOf<"old-inactive" | "remove-old-user">, facts: SmtpFacts): SmtpTransitionResult {
  // A rollback must not get stuck because someone already flipped a key back in the console.
  const inactive = (facts.oldKeys ?? []).filter((k) => k.status === "Inactive").map((k) => k.accessKeyId);
  return smtpOk(
    { ...carried(state), step: "verify-cutover", verifyStartedAt: facts.now },
    inactive.map((accessKeyId): SmtpEffect => ({ type: "set-key-status", userName: state.oldUserName, accessKeyId, status: "Active" })),
    `Rolled back: ${state.oldUserName} (key ${inactive.join(", ") || "none Inactive"}) is Active again. Watching the cut-over again from now.`,
  );
}

export function smtpOldInactive(state: SmtpStateOf<"old-inactive">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (event.type === "reactivate-old") return reactivateOld(state, facts);
  if (event.type !== "remove-old-user") return smtpNotAllowed(state, event);
  const oldKeys = facts.oldKeys ?? [];
  const guard = checkRemoveOldUser({ oldKeys, oldUserName: state.oldUserName, deactivatedAt: state.deactivatedAt, config: facts.config, now: facts.now });
  if (!guard.ok) return guard;
  const notices = oldKeys.map((k): SmtpEffect => ({ type: "notify", what: "delete", accessKeyId: k.accessKeyId }));
  return smtpOk(
    { ...carried(state), step: "remove-old-user", deactivatedAt: state.deactivatedAt, removalStartedAt: facts.now, removed: [] },
    [...notices, { type: "delete-user", userName: state.oldUserName }],
    `Removing ${state.oldUserName} in the order IAM requires.`,
  );
}

export function smtpRemoveOldUser(state: SmtpStateOf<"remove-old-user">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  switch (event.type) {
    case "remove-old-user":
      // Carrying on after an interruption: IAM's own state says what is left, so nothing is repeated.
      return smtpOk(state, [{ type: "delete-user", userName: state.oldUserName }], `Resumed removing ${state.oldUserName}.`);
    case "reactivate-old":
      if (state.removed.length > 0) {
        return refuseSmtp("removal-started", `The removal of ${state.oldUserName} has begun (${state.removed.length} step(s) done): it can only be finished.`);
      }
      return reactivateOld(state, facts);
    case "removal-step": {
      const removed = [...state.removed, { ...event.result, at: facts.now }];
      const gone = event.result.outcome === "already-gone" ? " (already gone)" : "";
      if (event.result.step.kind !== "delete-user") {
        return smtpOk({ ...state, removed }, [], `Removing ${state.oldUserName}: ${describeDeletionStep(event.result.step, state.oldUserName)}${gone}.`);
      }
      return smtpOk(
        { ...carried(state), step: "done", removed, completedAt: facts.now },
        [],
        `${state.oldUserName} is deleted${gone}. Rotation complete: ${state.newUserName} carries the SMTP credentials.`,
      );
    }
    default:
      return smtpNotAllowed(state, event);
  }
}

export function smtpCancel(state: SmtpRotationState, reason: string, facts: SmtpFacts): SmtpTransitionResult {
  if (state.step === "done" || state.step === "cancelled") return smtpNotAllowed(state, { type: "cancel", reason });
  if (state.step === "old-inactive" || state.step === "remove-old-user") {
    return refuseSmtp(
      state.step === "old-inactive" ? "cancel-after-deactivation" : "removal-started",
      `${state.oldUserName} is already deactivated, so cancelling would leave it half-retired. ` +
        (state.step === "old-inactive" ? 'Roll back with "Reactivate old user" (you can cancel after that), or finish by removing it.' : "Finish removing it."),
    );
  }
  const trimmed = reason.trim();
  if (trimmed === "") return refuseSmtp("reason-required", "Say why the rotation is cancelled (it goes in the audit log).");
  const newUserName = "newUserName" in state && (state.step !== "create-user" || state.createRequestedAt !== null) ? state.newUserName : null;
  const newKeyId = "newKeyId" in state ? state.newKeyId : null;
  const cancelled: SmtpRotationState = {
    step: "cancelled",
    startedAt: state.startedAt,
    oldUserName: state.oldUserName,
    oldKeyIds: state.oldKeyIds,
    cancelledFrom: state.step,
    newUserName,
    newKeyId,
    reason: trimmed,
    cancelledAt: facts.now,
  };
  const audit = `SMTP user rotation cancelled at ${state.step}: ${trimmed}`;
  if (newUserName === null) return smtpOk(cancelled, [], audit);
  if (state.step === "create-user") {
    // Its creation was asked for but never confirmed: the user may not exist, or may be someone else's.
    return smtpOk(
      cancelled,
      [],
      audit,
      `Creating ${newUserName} was started but not confirmed. Check in IAM whether it exists as a copy of ${state.oldUserName} ` +
        "before deleting anything.",
    );
  }
  return smtpOk(
    cancelled,
    [],
    audit,
    `${newUserName} ${newKeyId ? `and its key ${newKeyId} ` : ""}still exist beside ${state.oldUserName}, which keeps working. ` +
      `If nothing will use ${newUserName}, delete it in IAM.`,
  );
}
