// The rotation rules: which step may follow which, and what must hold first. Pure: no I/O, no clock.
// The runner loads keys from IAM and the state from the DB, calls `transition`, then applies the
// returned effects in order and saves the returned state.
import { availableEventsOf, type Candidate } from "./availability.ts";
import { refuse } from "./key-guards.ts";
import { VIEWER_MESSAGE, runTransition, type StepHandlers } from "./transition.ts";
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

const VIEWER_REFUSAL: Refusal = refuse("viewer-read-only", VIEWER_MESSAGE);

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

const STEPS: StepHandlers<RotationState, RotationEvent, RulesContext, TransitionResult> = {
  "resolve-two-keys": resolveTwoKeys,
  "confirm-locations": confirmLocations,
  "create-key": createKey,
  distribute,
  "verify-cutover": verifyCutover,
  retire,
  "old-inactive": oldInactive,
  done: notAllowed,
  cancelled: notAllowed,
};

export function transition(state: RotationState, event: RotationEvent, ctx: RulesContext): TransitionResult {
  return runTransition(state, event, ctx, { viewerRefusal: VIEWER_REFUSAL, cancel, steps: STEPS });
}

/** Safety checks an admin may override with a reason (deactivate-old only). */
const OVERRIDABLE: ReadonlySet<RuleViolationCode> = new Set(["new-key-not-in-use", "old-key-not-quiet", "key-was-used"]);

/** The key rotation's own buttons, beside the shared ones; null once it is over. */
function ownCandidates(state: RotationState): Candidate<RotationEvent>[] | null {
  switch (state.step) {
    case "resolve-two-keys":
      return state.keyIds.flatMap((accessKeyId): Candidate<RotationEvent>[] => [
        { event: { type: "remove-unused-key", accessKeyId }, target: accessKeyId },
        { event: { type: "keep-key", accessKeyId }, target: accessKeyId },
      ]);
    case "create-key":
      return [{ event: { type: "create-key" } }];
    case "old-inactive":
      return [{ event: { type: "reactivate-old" } }, { event: { type: "delete-old" } }];
    default:
      return null;
  }
}

/** The person-facing buttons for this step, each enabled or disabled with the reason why. */
export function availableEvents(state: RotationState, ctx: RulesContext): EventAvailability[] {
  const transit = (event: RotationEvent) => transition(state, event, ctx);
  return availableEventsOf(state, { own: ownCandidates, offersCancel: () => true, transition: transit, role: ctx.role, overridableCodes: OVERRIDABLE });
}
