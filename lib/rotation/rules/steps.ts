import { SMTP_ROTATION_STEPS } from "./smtp-steps.ts";
import type { SmtpStep } from "./smtp-types.ts";
import type { RotationEventType, RotationStep, StepInfo, TerminalStep } from "./types.ts";

/** In runbook order, for the stepper. A never-used key skips from check-usage to retire. */
export const ROTATION_STEPS: readonly StepInfo[] = [
  {
    step: "resolve-two-keys",
    label: "Resolve two keys",
    description: "The user has two keys. Remove the one that was never used, or pick the one to keep.",
  },
  {
    step: "check-usage",
    label: "Check usage",
    description: "Automatic: a key never used is simply retired; a used key is replaced first.",
  },
  {
    step: "confirm-locations",
    label: "Confirm locations",
    description: "Confirm every place the key is used is recorded; they become the update checklist.",
  },
  {
    step: "create-key",
    label: "Create new key",
    description: "Create the replacement key (the user briefly has two).",
  },
  {
    step: "distribute",
    label: "Update locations",
    description: "Put the new key in every location and redeploy; tick each one off.",
  },
  {
    step: "verify-cutover",
    label: "Verify cut-over",
    description: "Watch Last used until the new key is in use and the old key has been quiet long enough.",
  },
  {
    step: "retire",
    label: "Deactivate old key",
    description: "Tell 2nd line, then make the old key Inactive (reversible).",
  },
  {
    step: "old-inactive",
    label: "Delete old key",
    description: "After the inactive period with no attempted use, delete the old key. Reactivate to roll back.",
  },
  { step: "done", label: "Done", description: "The old key is deleted; the user has one key." },
  { step: "cancelled", label: "Cancelled", description: "The rotation was stopped before the old key was deactivated." },
];

export function isTerminal(step: RotationStep): step is TerminalStep {
  return step === "done" || step === "cancelled";
}

/** Events each step accepts; the runner reports `key-created`, `location-written`/`-write-failed` and `notified`, people send the rest. */
export const STEP_EVENTS: Readonly<Record<RotationStep, readonly RotationEventType[]>> = {
  "resolve-two-keys": ["remove-unused-key", "keep-key", "cancel"],
  "check-usage": [],
  "confirm-locations": ["confirm-locations", "cancel"],
  "create-key": ["create-key", "key-created", "cancel"],
  distribute: ["mark-location-updated", "unmark-location-updated", "location-written", "location-write-failed", "finish-distribution", "cancel"],
  "verify-cutover": ["cutover-confirmed", "cancel"],
  retire: ["send-notification", "notified", "skip-notification", "deactivate-old", "cancel"],
  "old-inactive": ["reactivate-old", "delete-old"],
  done: [],
  cancelled: [],
};

/** A step's label; lists of rotations of either kind (key or SES SMTP user) show theirs. */
export function stepLabel(step: RotationStep | SmtpStep): string {
  return ROTATION_STEPS.find((info) => info.step === step)?.label ?? SMTP_ROTATION_STEPS.find((info) => info.step === step)?.label ?? step;
}
