// Shared fixtures for the rotation tests: one timeline, keys, contexts and states at each step.
import { DEFAULT_RULES_CONFIG } from "../rotation/rules/key-guards.ts";
import type { KeySnapshot, RotationState, RulesContext, StateOf, TransitionResult } from "../rotation/rules/types.ts";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const QUIET = DEFAULT_RULES_CONFIG.quietWindowMs;
export const INACTIVE = DEFAULT_RULES_CONFIG.inactivePeriodMs;

export const T0 = new Date("2025-03-01T00:00:00.000Z");
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

export const OLD = "AKIAOLD0000000000001";
export const NEW = "AKIANEW0000000000002";

/** An Active key made long ago and used an hour before T0, unless told otherwise. */
export function key(accessKeyId: string, overrides: Partial<KeySnapshot> = {}): KeySnapshot {
  return { accessKeyId, status: "Active", createDate: at(-400 * DAY), lastUsedDate: at(-HOUR), ...overrides };
}

export function ctx(keys: KeySnapshot[], overrides: Partial<RulesContext> = {}): RulesContext {
  return { now: T0, role: "rotator", keys, config: DEFAULT_RULES_CONFIG, ...overrides };
}

/** Unwraps an allowed transition, failing loudly with the refusal otherwise. */
export function must<T extends TransitionResult>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result as Extract<T, { ok: true }>;
}

export function stateAt<S extends RotationState["step"]>(state: RotationState, step: S): StateOf<S> {
  if (state.step !== step) throw new Error(`expected step ${step}, got ${state.step}`);
  return state as StateOf<S>;
}

const startedAt = at(-DAY);

export const states = {
  resolve: (): StateOf<"resolve-two-keys"> => ({ step: "resolve-two-keys", startedAt, keyIds: [OLD, NEW] }),
  confirm: (): StateOf<"confirm-locations"> => ({ step: "confirm-locations", startedAt, oldKeyId: OLD }),
  create: (createRequestedAt: Date | null = null): StateOf<"create-key"> => ({
    step: "create-key",
    startedAt,
    oldKeyId: OLD,
    locationIds: ["loc-1", "loc-2"],
    createRequestedAt,
  }),
  distribute: (ticked: string[] = []): StateOf<"distribute"> => ({
    step: "distribute",
    startedAt,
    oldKeyId: OLD,
    newKeyId: NEW,
    newKeyCreatedAt: at(-HOUR),
    checklist: ["loc-1", "loc-2"].map((locationId) => ({
      locationId,
      updatedAt: ticked.includes(locationId) ? at(-MIN) : null,
      note: null,
    })),
  }),
  verify: (verifyStartedAt = T0): StateOf<"verify-cutover"> => ({
    step: "verify-cutover",
    startedAt,
    oldKeyId: OLD,
    newKeyId: NEW,
    verifyStartedAt,
  }),
  retire: (notification: StateOf<"retire">["notification"] = { status: "sent", at: T0 }): StateOf<"retire"> => ({
    step: "retire",
    startedAt,
    oldKeyId: OLD,
    newKeyId: NEW,
    verifyStartedAt: T0,
    notification,
  }),
  retireNeverUsed: (
    notification: StateOf<"retire">["notification"] = { status: "sent", at: T0 },
  ): StateOf<"retire"> => ({
    step: "retire",
    startedAt,
    oldKeyId: OLD,
    newKeyId: null,
    verifyStartedAt: null,
    notification,
  }),
  inactive: (newKeyId: string | null = NEW, deactivatedAt = T0): StateOf<"old-inactive"> => ({
    step: "old-inactive",
    startedAt,
    oldKeyId: OLD,
    newKeyId,
    deactivatedAt,
    overrideReason: null,
  }),
  done: (): StateOf<"done"> => ({ step: "done", startedAt, oldKeyId: OLD, newKeyId: NEW, completedAt: T0 }),
  cancelled: (): StateOf<"cancelled"> => ({
    step: "cancelled",
    startedAt,
    cancelledFrom: "distribute",
    oldKeyId: OLD,
    newKeyId: NEW,
    reason: "test",
    cancelledAt: T0,
  }),
};

/** Keys in the middle of a rotation: the new key created at T0 - 1 h and used after it. */
export function midRotationKeys(old: Partial<KeySnapshot> = {}, fresh: Partial<KeySnapshot> = {}) {
  return [
    key(OLD, { lastUsedDate: at(-2 * HOUR), ...old }),
    key(NEW, { createDate: at(-HOUR), lastUsedDate: T0, ...fresh }),
  ];
}
