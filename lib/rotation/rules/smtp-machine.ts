// The SES SMTP user rotation: which step may follow which, and what must hold first. Pure: no I/O, no
// clock. The SMTP runner reads both users from IAM and the state from the database, calls
// `smtpTransition`, claims the step, applies the effects in order and saves the state.
import { refuseSmtp } from "./smtp-guards.ts";
import { smtpConfirmLocations, smtpCreateKey, smtpCreateUser, smtpDistribute, smtpNotAllowed } from "./smtp-handlers.ts";
import { SMTP_OVERRIDABLE, smtpCancel, smtpOldInactive, smtpRemoveOldUser, smtpRetire, smtpVerifyCutover } from "./smtp-retire-handlers.ts";
import type { SmtpEventAvailability, SmtpFacts, SmtpRotationEvent, SmtpRotationState, SmtpTransitionResult } from "./smtp-types.ts";

export { startSmtpRotation, plannedUserName } from "./smtp-handlers.ts";

export function smtpTransition(state: SmtpRotationState, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (facts.role === "viewer") return refuseSmtp("viewer-read-only", "You have view-only access. Ask a rotator or an admin to do this.");
  if (event.type === "cancel") return smtpCancel(state, event.reason, facts);
  switch (state.step) {
    case "confirm-locations":
      return smtpConfirmLocations(state, event);
    case "create-user":
      return smtpCreateUser(state, event, facts);
    case "create-key":
      return smtpCreateKey(state, event, facts);
    case "distribute":
      return smtpDistribute(state, event, facts);
    case "verify-cutover":
      return smtpVerifyCutover(state, event, facts);
    case "retire":
      return smtpRetire(state, event, facts);
    case "old-inactive":
      return smtpOldInactive(state, event, facts);
    case "remove-old-user":
      return smtpRemoveOldUser(state, event, facts);
    case "done":
    case "cancelled":
      return smtpNotAllowed(state, event);
  }
}

// Stands in for what the person types or picks; availability never depends on it.
const SAMPLE_REASON = "availability check";
const SAMPLE_REGION = "eu-west-1";

/** The person-facing buttons for this step, each enabled or disabled with the reason why. */
export function availableSmtpEvents(state: SmtpRotationState, facts: SmtpFacts): SmtpEventAvailability[] {
  const candidates: { event: SmtpRotationEvent; target?: string }[] = [];
  switch (state.step) {
    case "confirm-locations":
      candidates.push({ event: { type: "confirm-locations", locationIds: [], acknowledgeNoLocations: true } });
      break;
    case "create-user":
      candidates.push({ event: { type: "create-user" } });
      break;
    case "create-key":
      candidates.push({ event: { type: "create-key", region: SAMPLE_REGION } });
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
    case "remove-old-user":
      candidates.push({ event: { type: "reactivate-old" } }, { event: { type: "remove-old-user" } });
      break;
    case "done":
    case "cancelled":
      return [];
  }
  // Once the old user is deactivated the way out is a rollback, not a cancel.
  if (state.step !== "old-inactive" && state.step !== "remove-old-user") candidates.push({ event: { type: "cancel", reason: SAMPLE_REASON } });
  return candidates.map(({ event, target }) => {
    const result = smtpTransition(state, event, facts);
    const base = target === undefined ? { type: event.type } : { type: event.type, target };
    if (result.ok) return { ...base, allowed: true };
    const overridable = event.type === "deactivate-old" && facts.role === "admin" && SMTP_OVERRIDABLE.has(result.code);
    return { ...base, allowed: false, code: result.code, message: result.message, overridable };
  });
}
