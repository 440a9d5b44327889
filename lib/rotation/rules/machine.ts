// The rotation rules: which step may follow which, and what must hold first. Pure: no I/O, no clock.
// The runner loads keys from IAM and the state from the DB, calls `transition`, then applies the
// returned effects in order and saves the returned state.
import { refuse } from "./key-guards.ts";
import { cancel, oldInactive, retire, verifyCutover } from "./retire-handlers.ts";
import { afterCheckUsage, confirmLocations, createKey, distribute, notAllowed, resolveTwoKeys } from "./step-handlers.ts";
import type {
  EventAvailability,
  Refusal,
  RotationEvent,
  RotationState,
  RuleViolationCode,
  RulesContext,
  StartResult,
  TransitionResult,
} from "./types.ts";

const VIEWER_REFUSAL: Refusal = refuse(
  "viewer-read-only",
  "You have view-only access. Ask a rotator or an admin to do this.",
);

export function startRotation(ctx: Pick<RulesContext, "now" | "role" | "keys">): StartResult {
  if (ctx.role === "viewer") return VIEWER_REFUSAL;
  const { keys, now } = ctx;
  if (keys.length === 0) return refuse("no-keys", "This user has no access keys, so there is nothing to rotate.");
  if (keys.length > 2) {
    return refuse(
      "third-key",
      `IAM lists ${keys.length} keys for this user, but AWS allows at most two. Reload the page; ` +
        "if it persists, check the user in the IAM console.",
    );
  }
  if (keys.length === 2) {
    const [a, b] = keys;
    return {
      ok: true,
      state: { step: "resolve-two-keys", startedAt: now, keyIds: [a.accessKeyId, b.accessKeyId] },
      audit: `Rotation started on a user with two keys (${a.accessKeyId}, ${b.accessKeyId}).`,
    };
  }
  const next = afterCheckUsage(keys[0], now);
  return { ok: true, state: next.state, audit: `Rotation started. ${next.audit}` };
}

export function transition(state: RotationState, event: RotationEvent, ctx: RulesContext): TransitionResult {
  if (ctx.role === "viewer") return VIEWER_REFUSAL;
  if (event.type === "cancel") return cancel(state, event.reason, ctx);
  switch (state.step) {
    case "resolve-two-keys":
      return resolveTwoKeys(state, event, ctx);
    case "confirm-locations":
      return confirmLocations(state, event);
    case "create-key":
      return createKey(state, event, ctx);
    case "distribute":
      return distribute(state, event, ctx);
    case "verify-cutover":
      return verifyCutover(state, event, ctx);
    case "retire":
      return retire(state, event, ctx);
    case "old-inactive":
      return oldInactive(state, event, ctx);
    case "done":
    case "cancelled":
      return notAllowed(state, event);
  }
}

/** Safety checks an admin may override with a reason (deactivate-old only). */
const OVERRIDABLE: ReadonlySet<RuleViolationCode> = new Set(["new-key-not-in-use", "old-key-not-quiet", "key-was-used"]);

// Stands in for text the person types; availability never depends on its wording.
const SAMPLE_REASON = "availability check";

/** The person-facing buttons for this step, each enabled or disabled with the reason why. */
export function availableEvents(state: RotationState, ctx: RulesContext): EventAvailability[] {
  const candidates: { event: RotationEvent; target?: string }[] = [];
  switch (state.step) {
    case "resolve-two-keys":
      for (const accessKeyId of state.keyIds) {
        candidates.push({ event: { type: "remove-unused-key", accessKeyId }, target: accessKeyId });
        candidates.push({ event: { type: "keep-key", accessKeyId }, target: accessKeyId });
      }
      break;
    case "confirm-locations":
      candidates.push({ event: { type: "confirm-locations", locationIds: [], acknowledgeNoLocations: true } });
      break;
    case "create-key":
      candidates.push({ event: { type: "create-key" } });
      break;
    case "distribute":
      for (const { locationId, updatedAt } of state.checklist) {
        const type = updatedAt === null ? "mark-location-updated" : "unmark-location-updated";
        candidates.push({ event: { type, locationId }, target: locationId });
      }
      candidates.push({ event: { type: "finish-distribution" } });
      break;
    case "verify-cutover":
      candidates.push({ event: { type: "cutover-confirmed" } });
      break;
    case "retire":
      candidates.push({ event: { type: "send-notification" } });
      candidates.push({ event: { type: "skip-notification", reason: SAMPLE_REASON } });
      candidates.push({ event: { type: "deactivate-old" } });
      break;
    case "old-inactive":
      candidates.push({ event: { type: "reactivate-old" } }, { event: { type: "delete-old" } });
      break;
    case "done":
    case "cancelled":
      return [];
  }
  candidates.push({ event: { type: "cancel", reason: SAMPLE_REASON } });
  return candidates.map(({ event, target }) => {
    const result = transition(state, event, ctx);
    const base = target === undefined ? { type: event.type } : { type: event.type, target };
    if (result.ok) return { ...base, allowed: true };
    const overridable = event.type === "deactivate-old" && ctx.role === "admin" && OVERRIDABLE.has(result.code);
    return { ...base, allowed: false, code: result.code, message: result.message, overridable };
  });
}
