// The SES SMTP user rotation: which step may follow which, and what must hold first. Pure: no I/O, no
// clock. The SMTP runner reads both users from IAM and the state from the database, calls
// `smtpTransition`, claims the step, applies the effects in order and saves the state.
import { availableEventsOf, type Candidate } from "./availability.ts";
import { refuseSmtp } from "./smtp-guards.ts";
import { VIEWER_MESSAGE, runTransition, type StepHandlers } from "./transition.ts";
import { smtpConfirmLocations, smtpCreateKey, smtpCreateUser, smtpDistribute, smtpNotAllowed } from "./smtp-handlers.ts";
import { SMTP_OVERRIDABLE, smtpCancel, smtpOldInactive, smtpRemoveOldUser, smtpRetire, smtpVerifyCutover } from "./smtp-retire-handlers.ts";
import type { SmtpEventAvailability, SmtpFacts, SmtpRotationEvent, SmtpRotationState, SmtpTransitionResult } from "./smtp-types.ts";

export { startSmtpRotation, plannedUserName } from "./smtp-handlers.ts";

const STEPS: StepHandlers<SmtpRotationState, SmtpRotationEvent, SmtpFacts, SmtpTransitionResult> = {
  "confirm-locations": smtpConfirmLocations,
  "create-user": smtpCreateUser,
  "create-key": smtpCreateKey,
  distribute: smtpDistribute,
  "verify-cutover": smtpVerifyCutover,
  retire: smtpRetire,
  "old-inactive": smtpOldInactive,
  "remove-old-user": smtpRemoveOldUser,
  done: smtpNotAllowed,
  cancelled: smtpNotAllowed,
};

const VIEWER_REFUSAL = refuseSmtp("viewer-read-only", VIEWER_MESSAGE);

export function smtpTransition(state: SmtpRotationState, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  return runTransition(state, event, facts, { viewerRefusal: VIEWER_REFUSAL, cancel: smtpCancel, steps: STEPS });
}

// Stands in for the region the person picks; availability never depends on it.
const SAMPLE_REGION = "eu-west-1";

/** The SMTP rotation's own buttons, beside the shared ones; null once it is over. */
function ownCandidates(state: SmtpRotationState): Candidate<SmtpRotationEvent>[] | null {
  switch (state.step) {
    case "create-user":
      return [{ event: { type: "create-user" } }];
    case "create-key":
      return [{ event: { type: "create-key", region: SAMPLE_REGION } }];
    case "old-inactive":
    case "remove-old-user":
      return [{ event: { type: "reactivate-old" } }, { event: { type: "remove-old-user" } }];
    default:
      return null;
  }
}

// Once the old user is deactivated the way out is a rollback, not a cancel.
const offersCancel = (state: SmtpRotationState) => state.step !== "old-inactive" && state.step !== "remove-old-user";

/** The person-facing buttons for this step, each enabled or disabled with the reason why. */
export function availableSmtpEvents(state: SmtpRotationState, facts: SmtpFacts): SmtpEventAvailability[] {
  const transit = (event: SmtpRotationEvent) => smtpTransition(state, event, facts);
  return availableEventsOf(state, { own: ownCandidates, offersCancel, transition: transit, role: facts.role, overridableCodes: SMTP_OVERRIDABLE });
}
