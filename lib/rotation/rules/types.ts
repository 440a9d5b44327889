// Plain data in and out of the rotation rules. Dates are Date objects; the runner persists them.
import type { Role } from "../../auth/roles.ts";
import type { KeyStatus } from "../../iam/types.ts";

export type { KeyStatus, Role };

/** One access key as IAM reports it, loaded by the runner just before it asks the rules. */
export type KeySnapshot = {
  accessKeyId: string;
  status: KeyStatus;
  createDate: Date;
  /** IAM's "Last used"; null is the console's N/A (never used). */
  lastUsedDate: Date | null;
};

export type RulesConfig = {
  /** How long the old key must show no use before it may be retired. */
  quietWindowMs: number;
  /** How long a used key stays Inactive before it may be deleted. */
  inactivePeriodMs: number;
};

export type RulesContext = { now: Date; role: Role; keys: KeySnapshot[]; config: RulesConfig };

/** Every step the stepper shows. `check-usage` is decided on start and never persisted. */
export type RotationStep =
  | "resolve-two-keys"
  | "check-usage"
  | "confirm-locations"
  | "create-key"
  | "distribute"
  | "verify-cutover"
  | "retire"
  | "old-inactive"
  | "done"
  | "cancelled";

/**
 * One location to update. `written`/`writeFailed` are set for locations keyrotate writes itself (a store):
 * the version id it wrote, or why the write failed (the item then stays unticked until a retry or a person).
 */
export type ChecklistItem = {
  locationId: string;
  updatedAt: Date | null;
  note: string | null;
  written?: { versionId: string };
  writeFailed?: { reason: string; at: Date };
};

export type NotificationRecord =
  | { status: "pending" }
  | { status: "requested"; at: Date }
  | { status: "sent"; at: Date }
  | { status: "failed"; at: Date; detail: string | null }
  | { status: "skipped"; at: Date; reason: string };

type Base = { startedAt: Date };

export type ResolveTwoKeysState = Base & { step: "resolve-two-keys"; keyIds: [string, string] };
export type ConfirmLocationsState = Base & { step: "confirm-locations"; oldKeyId: string };
export type CreateKeyState = Base & {
  step: "create-key";
  oldKeyId: string;
  locationIds: string[];
  /** Set when the create-key effect was handed out; the new id arrives with `key-created`. */
  createRequestedAt: Date | null;
};
export type DistributeState = Base & {
  step: "distribute";
  oldKeyId: string;
  newKeyId: string;
  newKeyCreatedAt: Date;
  checklist: ChecklistItem[];
};
export type VerifyCutoverState = Base & {
  step: "verify-cutover";
  oldKeyId: string;
  newKeyId: string;
  verifyStartedAt: Date;
};
/** `newKeyId: null` is the never-used path: the old key is retired without a replacement. */
export type RetireState = Base & { step: "retire"; oldKeyId: string; notification: NotificationRecord } & (
    | { newKeyId: string; verifyStartedAt: Date }
    | { newKeyId: null; verifyStartedAt: null }
  );
export type OldInactiveState = Base & {
  step: "old-inactive";
  oldKeyId: string;
  newKeyId: string | null;
  deactivatedAt: Date;
  overrideReason: string | null;
};
export type DoneState = Base & { step: "done"; oldKeyId: string; newKeyId: string | null; completedAt: Date };
export type CancelledState = Base & {
  step: "cancelled";
  cancelledFrom: ActiveStep;
  /** null when cancelled before the two keys were resolved. */
  oldKeyId: string | null;
  /** A key created by this rotation, kept on cancel: the user then has two keys. */
  newKeyId: string | null;
  reason: string;
  cancelledAt: Date;
};

export type RotationState =
  | ResolveTwoKeysState
  | ConfirmLocationsState
  | CreateKeyState
  | DistributeState
  | VerifyCutoverState
  | RetireState
  | OldInactiveState
  | DoneState
  | CancelledState;

export type StateStep = RotationState["step"];
export type TerminalStep = "done" | "cancelled";
export type ActiveStep = Exclude<StateStep, TerminalStep>;
export type StateOf<S extends StateStep> = Extract<RotationState, { step: S }>;

/** The events every kind of rotation has, alike: the checklist, the cut-over and retiring the old credentials. */
export type SharedRotationEvent =
  | { type: "confirm-locations"; locationIds: string[]; acknowledgeNoLocations?: boolean }
  | { type: "key-created"; accessKeyId: string; createDate: Date }
  | { type: "mark-location-updated"; locationId: string; note?: string }
  | { type: "unmark-location-updated"; locationId: string }
  | { type: "finish-distribution" }
  | { type: "cutover-confirmed" }
  | { type: "send-notification" }
  | { type: "notified"; ok: boolean; detail?: string }
  | { type: "skip-notification"; reason: string }
  | { type: "deactivate-old"; overrideReason?: string }
  | { type: "reactivate-old" }
  | { type: "cancel"; reason: string };

export type RotationEvent =
  | SharedRotationEvent
  | { type: "remove-unused-key"; accessKeyId: string }
  | { type: "keep-key"; accessKeyId: string }
  | { type: "create-key" }
  | { type: "location-written"; locationId: string; versionId: string }
  | { type: "location-write-failed"; locationId: string; reason: string }
  | { type: "delete-old" };

export type RotationEventType = RotationEvent["type"];

/** What the runner must do, in order, stopping at the first failure. */
export type Effect =
  | { type: "create-key" }
  | { type: "set-key-status"; accessKeyId: string; status: KeyStatus }
  | { type: "delete-key"; accessKeyId: string }
  | { type: "notify"; what: "deactivate" | "delete"; accessKeyId: string };

export type RuleViolationCode =
  | "not-allowed-in-step"
  | "viewer-read-only"
  | "invalid-input"
  | "no-keys"
  | "third-key"
  | "key-not-found"
  | "unknown-key"
  | "key-was-used"
  | "unused-key-present"
  | "no-locations-unacknowledged"
  | "unknown-location"
  | "checklist-incomplete"
  | "new-key-not-in-use"
  | "old-key-not-quiet"
  | "notification-required"
  | "reason-required"
  | "override-requires-admin"
  | "override-reason-too-short"
  | "key-already-inactive"
  | "key-not-inactive"
  | "active-key-delete"
  | "used-after-deactivation"
  | "inactive-period-not-over"
  | "inactive-since-unknown"
  | "used-within-quiet-window"
  | "cancel-after-deactivation";

// The shapes every kind of rotation's rules answer in, by the kind's states, effects and refusal codes.
export type RefusalOf<Code extends string> = { ok: false; code: Code; message: string };
/** `notice` is for the person who clicked (e.g. "both keys now exist"); `audit` is for the log. */
export type TransitionResultOf<State, Eff, Code extends string> =
  | { ok: true; state: State; effects: Eff[]; audit: string; notice?: string }
  | RefusalOf<Code>;
export type StartResultOf<State, Code extends string> = { ok: true; state: State; audit: string } | RefusalOf<Code>;
/** `overrideReason` is set when an admin override let the action through: audit it. */
export type GuardResultOf<Code extends string> = { ok: true; overrideReason?: string } | RefusalOf<Code>;
export type AvailabilityOf<Type extends string, Code extends string> = {
  type: Type;
  /** The key or location the button acts on, when the step offers one button per item. */
  target?: string;
} & ({ allowed: true } | { allowed: false; code: Code; message: string; overridable: boolean });

export type Refusal = RefusalOf<RuleViolationCode>;
export type TransitionResult = TransitionResultOf<RotationState, Effect, RuleViolationCode>;
export type StartResult = StartResultOf<RotationState, RuleViolationCode>;
export type GuardResult = GuardResultOf<RuleViolationCode>;

export type CutoverEvaluation = {
  newKeyInUse: boolean;
  oldKeyQuietSince: Date;
  oldKeyQuietForMs: number;
  settled: boolean;
  reason: string;
};

export type EventAvailability = AvailabilityOf<RotationEventType, RuleViolationCode>;

export type StepInfo = { step: RotationStep; label: string; description: string };
