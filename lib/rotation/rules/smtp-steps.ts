import type { StepInfo } from "./types.ts";
import type { SmtpRotationEventType, SmtpStep } from "./smtp-types.ts";

export type SmtpStepInfo = Omit<StepInfo, "step"> & { step: SmtpStep };

/** In runbook order ("SES SMTP credentials"), for the stepper. */
export const SMTP_ROTATION_STEPS: readonly SmtpStepInfo[] = [
  {
    step: "confirm-locations",
    label: "Confirm locations",
    description: "Confirm every place the SMTP credentials are used is recorded; they become the update checklist.",
  },
  {
    step: "create-user",
    label: "Create new user",
    description: "Create <base>.<today> with the old user's path, groups, policies, tags and permissions boundary.",
  },
  {
    step: "create-key",
    label: "Create SMTP credentials",
    description: "Create the new user's key; its SES SMTP password is shown once, with the SMTP user name and endpoint.",
  },
  {
    step: "distribute",
    label: "Update locations",
    description: "Put the new SMTP credentials in every location and redeploy; tick each one off.",
  },
  {
    step: "verify-cutover",
    label: "Verify cut-over",
    description: "Wait until the new user's key is used for SES and the old user has been quiet long enough.",
  },
  {
    step: "retire",
    label: "Deactivate old user",
    description: "Tell 2nd line, then make the old user's keys Inactive (reversible).",
  },
  {
    step: "old-inactive",
    label: "Wait, then remove",
    description: "After the inactive period with no attempted use, remove the old user. Reactivate to roll back.",
  },
  {
    step: "remove-old-user",
    label: "Remove old user",
    description: "Delete the old user in the order IAM requires: keys, groups, policies, credentials, devices, then the user.",
  },
  { step: "done", label: "Done", description: "The old user is deleted; the new dated user carries the SMTP credentials." },
  { step: "cancelled", label: "Cancelled", description: "The rotation was stopped before the old user was deactivated." },
];

/** Events each step accepts; the runner reports `user-created`, `key-created`, `notified` and `removal-step`. */
export const SMTP_STEP_EVENTS: Readonly<Record<SmtpStep, readonly SmtpRotationEventType[]>> = {
  "confirm-locations": ["confirm-locations", "cancel"],
  "create-user": ["create-user", "user-created", "cancel"],
  "create-key": ["create-key", "key-created", "cancel"],
  distribute: ["mark-location-updated", "unmark-location-updated", "finish-distribution", "cancel"],
  "verify-cutover": ["cutover-confirmed", "cancel"],
  retire: ["send-notification", "notified", "skip-notification", "deactivate-old", "cancel"],
  "old-inactive": ["reactivate-old", "remove-old-user"],
  "remove-old-user": ["remove-old-user", "removal-step", "reactivate-old"],
  done: [],
  cancelled: [],
};

export function isSmtpTerminal(step: SmtpStep): step is "done" | "cancelled" {
  return step === "done" || step === "cancelled";
}

export function smtpStepLabel(step: SmtpStep): string {
  return SMTP_ROTATION_STEPS.find((info) => info.step === step)?.label ?? step;
}
