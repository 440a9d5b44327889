// Handlers from verification to deletion, plus cancel: the steps that touch the old key.
import { applyOverride, checkDeleteKey, cutoverRefusal, evaluateCutover, formatTime, refuse } from "./key-guards.ts";
import { findKey, isRefusal, notAllowed, ok } from "./step-handlers.ts";
import type { GuardResult, KeySnapshot, NotificationRecord, RotationEvent, RotationState, RulesContext, StateOf, TransitionResult } from "./types.ts";

export function verifyCutover(
  state: StateOf<"verify-cutover">,
  event: RotationEvent,
  ctx: RulesContext,
): TransitionResult {
  if (event.type !== "cutover-confirmed") return notAllowed(state, event);
  const guard = cutoverGuard(state, ctx);
  if (!guard.ok) return guard;
  return ok(
    {
      step: "retire",
      startedAt: state.startedAt,
      oldKeyId: state.oldKeyId,
      newKeyId: state.newKeyId,
      verifyStartedAt: state.verifyStartedAt,
      notification: { status: "pending" },
    },
    [],
    `Cut-over settled: ${state.newKeyId} in use, ${state.oldKeyId} quiet.`,
  );
}

function cutoverGuard(
  state: { oldKeyId: string; newKeyId: string; verifyStartedAt: Date },
  ctx: RulesContext,
): GuardResult {
  const oldKey = findKey(ctx.keys, state.oldKeyId);
  if (isRefusal(oldKey)) return oldKey;
  const newKey = findKey(ctx.keys, state.newKeyId);
  if (isRefusal(newKey)) return newKey;
  const refusal = cutoverRefusal(evaluateCutover(state, oldKey, newKey, ctx.now, ctx.config), newKey);
  return refusal ?? { ok: true };
}

export function retire(state: StateOf<"retire">, event: RotationEvent, ctx: RulesContext): TransitionResult {
  const withNotification = (notification: NotificationRecord, audit: string) =>
    ok({ ...state, notification }, [], audit);
  switch (event.type) {
    case "send-notification":
      return ok(
        { ...state, notification: { status: "requested", at: ctx.now } },
        [{ type: "notify", what: "deactivate", accessKeyId: state.oldKeyId }],
        `Notifying 2nd line that key ${state.oldKeyId} will be deactivated.`,
      );
    case "notified":
      return event.ok
        ? withNotification({ status: "sent", at: ctx.now }, `2nd line notified about key ${state.oldKeyId}.`)
        : withNotification(
            { status: "failed", at: ctx.now, detail: event.detail ?? null },
            `Notifying 2nd line about key ${state.oldKeyId} failed${event.detail ? `: ${event.detail}` : ""}.`,
          );
    case "skip-notification": {
      const reason = event.reason.trim();
      if (reason === "") {
        return refuse("reason-required", "Say why 2nd line is not being told (it goes in the audit log).");
      }
      return withNotification(
        { status: "skipped", at: ctx.now, reason },
        `Skipped notifying 2nd line about key ${state.oldKeyId}: ${reason}`,
      );
    }
    case "deactivate-old":
      return deactivateOld(state, event.overrideReason, ctx);
    default:
      return notAllowed(state, event);
  }
}

export function notificationRefusal(notification: NotificationRecord): GuardResult {
  const messages: Record<NotificationRecord["status"], string | null> = {
    pending: "Tell 2nd line before deactivating: send the notification, or skip it with a reason.",
    requested: "The notification to 2nd line has not been confirmed yet. Wait a moment and reload, or send it again.",
    failed: "The notification to 2nd line failed. Send it again, or skip it with a reason.",
    sent: null,
    skipped: null,
  };
  const message = messages[notification.status];
  return message === null ? { ok: true } : refuse("notification-required", message);
}

function neverUsedGuard(oldKey: KeySnapshot): GuardResult {
  if (oldKey.lastUsedDate === null) return { ok: true };
  return refuse(
    "key-was-used",
    `Key ${oldKey.accessKeyId} was used ${formatTime(oldKey.lastUsedDate)}, after this rotation found it unused. ` +
      "Deactivating it would break that caller: cancel this rotation and start a new one to replace the key.",
  );
}

function deactivateOld(
  state: StateOf<"retire">,
  overrideReason: string | undefined,
  ctx: RulesContext,
): TransitionResult {
  const notified = notificationRefusal(state.notification);
  if (!notified.ok) return notified;
  const oldKey = findKey(ctx.keys, state.oldKeyId);
  if (isRefusal(oldKey)) return oldKey;
  const safety = state.newKeyId === null ? neverUsedGuard(oldKey) : cutoverGuard(state, ctx);
  // Only the safety check is overridable; a missing key is a fact, not a judgement.
  if (!safety.ok && safety.code === "key-not-found") return safety;
  const guard = safety.ok ? safety : applyOverride(safety, ctx.role, overrideReason);
  if (!guard.ok) return guard;
  const override = guard.overrideReason ?? null;
  return ok(
    {
      step: "old-inactive",
      startedAt: state.startedAt,
      oldKeyId: state.oldKeyId,
      newKeyId: state.newKeyId,
      deactivatedAt: ctx.now,
      overrideReason: override,
    },
    [{ type: "set-key-status", accessKeyId: state.oldKeyId, status: "Inactive" }],
    `Deactivated old key ${state.oldKeyId}` + (override ? ` by admin override: ${override}` : "."),
  );
}

export function oldInactive(state: StateOf<"old-inactive">, event: RotationEvent, ctx: RulesContext): TransitionResult {
  if (event.type === "reactivate-old") return reactivateOld(state, ctx);
  if (event.type !== "delete-old") return notAllowed(state, event);
  const done: RotationState = {
    step: "done",
    startedAt: state.startedAt,
    oldKeyId: state.oldKeyId,
    newKeyId: state.newKeyId,
    completedAt: ctx.now,
  };
  const oldKey = ctx.keys.find((k) => k.accessKeyId === state.oldKeyId);
  // Already gone (deleted outside keyrotate): the goal is reached and there is nothing to delete.
  if (!oldKey) return ok(done, [], `Old key ${state.oldKeyId} was already deleted outside keyrotate.`);
  const guard = checkDeleteKey({ key: oldKey, config: ctx.config, now: ctx.now, deactivatedAt: state.deactivatedAt });
  if (!guard.ok) return guard;
  return ok(
    done,
    [
      { type: "delete-key", accessKeyId: state.oldKeyId },
      { type: "notify", what: "delete", accessKeyId: state.oldKeyId },
    ],
    `Deleted old key ${state.oldKeyId}. Rotation complete.`,
  );
}

function reactivateOld(state: StateOf<"old-inactive">, ctx: RulesContext): TransitionResult {
  const oldKey = findKey(ctx.keys, state.oldKeyId);
  if (isRefusal(oldKey)) return oldKey;
  // A rollback must not get stuck because someone already flipped the key back in the console.
  const effects =
    oldKey.status === "Inactive"
      ? [{ type: "set-key-status" as const, accessKeyId: state.oldKeyId, status: "Active" as const }]
      : [];
  const audit = `Rolled back: old key ${state.oldKeyId} is Active again.`;
  if (state.newKeyId === null) {
    const next: RotationState = {
      step: "retire",
      startedAt: state.startedAt,
      oldKeyId: state.oldKeyId,
      newKeyId: null,
      verifyStartedAt: null,
      notification: { status: "pending" },
    };
    return ok(next, effects, audit);
  }
  const next: RotationState = {
    step: "verify-cutover",
    startedAt: state.startedAt,
    oldKeyId: state.oldKeyId,
    newKeyId: state.newKeyId,
    verifyStartedAt: ctx.now,
  };
  return ok(next, effects, `${audit} Watching the cut-over again from now.`);
}

export function cancel(state: RotationState, reason: string, ctx: RulesContext): TransitionResult {
  if (state.step === "done" || state.step === "cancelled") return notAllowed(state, { type: "cancel", reason });
  if (state.step === "old-inactive") {
    return refuse(
      "cancel-after-deactivation",
      `Old key ${state.oldKeyId} is already Inactive, so cancelling would leave it half-retired. ` +
        'Roll back with "Reactivate old key" (you can cancel after that), or finish by deleting it.',
    );
  }
  const trimmed = reason.trim();
  if (trimmed === "") return refuse("reason-required", "Say why the rotation is cancelled (it goes in the audit log).");
  const oldKeyId = state.step === "resolve-two-keys" ? null : state.oldKeyId;
  const newKeyId = "newKeyId" in state ? state.newKeyId : null;
  const cancelled: RotationState = {
    step: "cancelled",
    startedAt: state.startedAt,
    cancelledFrom: state.step,
    oldKeyId,
    newKeyId,
    reason: trimmed,
    cancelledAt: ctx.now,
  };
  const audit = `Rotation cancelled at ${state.step}: ${trimmed}`;
  if (newKeyId !== null) {
    return ok(cancelled, [], audit, `Both keys still exist: ${oldKeyId} (old) and ${newKeyId} (new). ` +
      "The user now has two keys; start a new rotation to choose which one to keep.");
  }
  if (state.step === "create-key" && state.createRequestedAt !== null) {
    return ok(cancelled, [], audit, "A new key may already have been created. Check the user's keys in IAM; " +
      "if there are two, start a new rotation to choose which one to keep.");
  }
  return ok(cancelled, [], audit);
}
