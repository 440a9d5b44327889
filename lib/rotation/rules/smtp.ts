// The SES SMTP user rotation rules, pure: the state machine, its guards, steps and types. Beside the key
// rotation's rules (index.ts), whose single-key guards it reuses.
export { availableSmtpEvents, plannedUserName, smtpTransition, startSmtpRotation } from "./smtp-machine.ts";
export { SES_SERVICE, evaluateSmtpCutover } from "./smtp-guards.ts";
export { SMTP_ROTATION_STEPS, SMTP_STEP_EVENTS, isSmtpTerminal, smtpStepLabel, type SmtpStepInfo } from "./smtp-steps.ts";
export type * from "./smtp-types.ts";
