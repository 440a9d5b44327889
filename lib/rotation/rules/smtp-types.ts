// Plain data in and out of the SES SMTP user rotation rules. An SMTP user's credentials are not
// rotated in place: the user is re-created as `<base>.<YYYYMMDD>` with the same permissions, gets a
// key (its SMTP password is derived from the secret), both users work during the switch, and the old
// user is deleted once nothing uses it.
import type { DeletionStep, DeletionStepResult } from "../../iam/user-deletion-plan.ts";
import type {
  AvailabilityOf,
  ChecklistItem,
  CutoverEvaluation,
  GuardResultOf,
  KeySnapshot,
  KeyStatus,
  NotificationRecord,
  RefusalOf,
  RuleViolationCode,
  RulesConfig,
  Role,
  SharedRotationEvent,
  StartResultOf,
  TransitionResultOf,
} from "./types.ts";

export type { DeletionStep, DeletionStepResult };

/** A key with the service IAM last saw it used for: the new SMTP key must show `ses`. */
export type SmtpKeySnapshot = KeySnapshot & { lastUsedService: string | null };

/** What the runner reads from IAM just before it asks the rules. */
export type SmtpFacts = {
  now: Date;
  role: Role;
  config: RulesConfig;
  /** The old user's keys; null when IAM has no such user any more (deleted, or removal under way). */
  oldKeys: SmtpKeySnapshot[] | null;
  /** The new user's keys; null when that user does not exist (yet). */
  newKeys: SmtpKeySnapshot[] | null;
};

/** What the new user received from the old one, for the page and the audit trail. */
export type CopySummary = {
  path: string;
  permissionsBoundaryArn: string | null;
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicyNames: string[];
  tagKeys: string[];
  /** false: the user already existed as an unfinished copy (a resumed run) and was completed. */
  created: boolean;
};

export type SmtpStep =
  | "confirm-locations"
  | "create-user"
  | "create-key"
  | "distribute"
  | "verify-cutover"
  | "retire"
  | "old-inactive"
  | "remove-old-user"
  | "done"
  | "cancelled";

export type RemovalRecord = DeletionStepResult & { at: Date };

type Base = {
  startedAt: Date;
  oldUserName: string;
  /** The old user's keys when the rotation started: the SMTP credentials being replaced. */
  oldKeyIds: string[];
};
type WithNewUser = Base & { newUserName: string; copied: CopySummary };
type WithNewKey = WithNewUser & { newKeyId: string; region: string };

export type SmtpConfirmLocationsState = Base & { step: "confirm-locations" };
export type SmtpCreateUserState = Base & {
  step: "create-user";
  locationIds: string[];
  /** Fixed when creation is first requested, so a retry after a crash finds the same user. */
  newUserName: string | null;
  createRequestedAt: Date | null;
};
export type SmtpCreateKeyState = WithNewUser & {
  step: "create-key";
  locationIds: string[];
  region: string | null;
  createRequestedAt: Date | null;
};
export type SmtpDistributeState = WithNewKey & { step: "distribute"; newKeyCreatedAt: Date; checklist: ChecklistItem[] };
export type SmtpVerifyCutoverState = WithNewKey & { step: "verify-cutover"; verifyStartedAt: Date };
export type SmtpRetireState = WithNewKey & { step: "retire"; verifyStartedAt: Date; notification: NotificationRecord };
export type SmtpOldInactiveState = WithNewKey & {
  step: "old-inactive";
  deactivatedAt: Date;
  /** The old keys this rotation made Inactive (a key already Inactive is left as it was). */
  deactivatedKeyIds: string[];
  overrideReason: string | null;
};
export type SmtpRemoveOldUserState = WithNewKey & {
  step: "remove-old-user";
  deactivatedAt: Date;
  removalStartedAt: Date;
  /** Each deletion IAM confirmed, in order: a resumed removal carries on from what IAM still holds. */
  removed: RemovalRecord[];
};
export type SmtpDoneState = WithNewKey & { step: "done"; removed: RemovalRecord[]; completedAt: Date };
export type SmtpCancelledState = Base & {
  step: "cancelled";
  cancelledFrom: SmtpActiveStep;
  /** A user (and key) this rotation created, kept on cancel. */
  newUserName: string | null;
  newKeyId: string | null;
  reason: string;
  cancelledAt: Date;
};

export type SmtpRotationState =
  | SmtpConfirmLocationsState
  | SmtpCreateUserState
  | SmtpCreateKeyState
  | SmtpDistributeState
  | SmtpVerifyCutoverState
  | SmtpRetireState
  | SmtpOldInactiveState
  | SmtpRemoveOldUserState
  | SmtpDoneState
  | SmtpCancelledState;

export type SmtpActiveStep = Exclude<SmtpStep, "done" | "cancelled">;
export type SmtpStateOf<S extends SmtpStep> = Extract<SmtpRotationState, { step: S }>;

export type SmtpRotationEvent =
  | SharedRotationEvent
  | { type: "create-user" }
  | { type: "user-created"; userName: string; copied: CopySummary }
  | { type: "create-key"; region: string }
  | { type: "remove-old-user" }
  | { type: "removal-step"; result: DeletionStepResult };

export type SmtpRotationEventType = SmtpRotationEvent["type"];

/** What the runner must do, in order, stopping at the first failure. */
export type SmtpEffect =
  | { type: "create-user"; userName: string; like: string }
  | { type: "set-key-status"; userName: string; accessKeyId: string; status: KeyStatus }
  | { type: "delete-key"; userName: string; accessKeyId: string }
  | { type: "create-key"; userName: string; region: string }
  | { type: "notify"; what: "deactivate" | "delete"; accessKeyId: string }
  | { type: "delete-user"; userName: string };

export type SmtpViolationCode =
  | RuleViolationCode
  | "new-user-name-taken"
  | "new-user-missing"
  | "orphan-key-used"
  | "unknown-region"
  | "new-key-not-used-for-ses"
  | "old-user-missing"
  | "removal-started";

export type SmtpRefusal = RefusalOf<SmtpViolationCode>;
export type SmtpTransitionResult = TransitionResultOf<SmtpRotationState, SmtpEffect, SmtpViolationCode>;
export type SmtpStartResult = StartResultOf<SmtpRotationState, SmtpViolationCode>;
export type SmtpGuardResult = GuardResultOf<SmtpViolationCode>;

export type SmtpCutoverEvaluation = CutoverEvaluation & {
  /** What IAM says the new key was last used for; null when never used. */
  newKeyService: string | null;
  /** The old key whose use decides how long the old user has been quiet; null when it has no keys. */
  loudestOldKeyId: string | null;
};

export type SmtpEventAvailability = AvailabilityOf<SmtpRotationEventType, SmtpViolationCode>;
