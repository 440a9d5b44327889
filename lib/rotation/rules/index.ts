// The rotation rules, pure: the state machine, the guards on single keys, the steps and their types.
// Nothing in this folder reads the database, IAM or the clock; the runner one level up does.
export { availableEvents, startRotation, transition } from "./machine.ts";
export {
  DEFAULT_RULES_CONFIG,
  MIN_OVERRIDE_REASON_LENGTH,
  checkCreateKey,
  checkDeactivateKey,
  checkDeleteKey,
  checkReactivateKey,
  evaluateCutover,
} from "./key-guards.ts";
export { ROTATION_STEPS, STEP_EVENTS, isTerminal, stepLabel } from "./steps.ts";
export { reconcileRotation, type Reconciled } from "./reconcile.ts";
export type * from "./types.ts";
