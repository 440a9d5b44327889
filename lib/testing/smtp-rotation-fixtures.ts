// Shared fixtures for the SMTP user rotation rules' tests: one timeline, the two users' keys, facts, and
// a state at each step. Times come from the key rotation's fixtures, so both read alike.
import { DEFAULT_RULES_CONFIG } from "../rotation/rules/key-guards.ts";
import type { CopySummary, SmtpFacts, SmtpKeySnapshot, SmtpStateOf, SmtpTransitionResult } from "../rotation/rules/smtp-types.ts";
import { DAY, HOUR, MIN, T0, at } from "./rotation-fixtures.ts";

export { DAY, HOUR, MIN, T0, at };
export const QUIET = DEFAULT_RULES_CONFIG.quietWindowMs;
export const INACTIVE = DEFAULT_RULES_CONFIG.inactivePeriodMs;

export const OLD_USER = "mailer.20250101";
/** T0 is 2025-03-01: the old user is re-created under that date. */
export const NEW_USER = "mailer.20250301";
export const OLD = "AKIAOLDSMTP000000001";
export const NEW = "AKIANEWSMTP000000002";

/** An Active key made long ago and used for SES an hour before T0, unless told otherwise. */
export function smtpKey(accessKeyId: string, overrides: Partial<SmtpKeySnapshot> = {}): SmtpKeySnapshot {
  return { accessKeyId, status: "Active", createDate: at(-400 * DAY), lastUsedDate: at(-HOUR), lastUsedService: "ses", ...overrides };
}

export function facts(overrides: Partial<SmtpFacts> = {}): SmtpFacts {
  return { now: T0, role: "rotator", config: DEFAULT_RULES_CONFIG, oldKeys: [smtpKey(OLD)], newKeys: null, ...overrides };
}

/** The middle of a rotation: the old key last used two hours before T0, the new one created an hour before and sending since. */
export function midFacts(old: Partial<SmtpKeySnapshot> = {}, fresh: Partial<SmtpKeySnapshot> = {}, overrides: Partial<SmtpFacts> = {}): SmtpFacts {
  return facts({
    oldKeys: [smtpKey(OLD, { lastUsedDate: at(-2 * HOUR), ...old })],
    newKeys: [smtpKey(NEW, { createDate: at(-HOUR), lastUsedDate: T0, ...fresh })],
    ...overrides,
  });
}

export function mustSmtp(result: SmtpTransitionResult): Extract<SmtpTransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result;
}

export const COPIED: CopySummary = {
  path: "/smtp/",
  permissionsBoundaryArn: null,
  groups: ["ses-senders"],
  attachedPolicyArns: ["arn:aws:iam::123456789012:policy/ses-send"],
  inlinePolicyNames: ["from-noreply"],
  tagKeys: ["team"],
  created: true,
};

const startedAt = at(-2 * DAY);
const base = { startedAt, oldUserName: OLD_USER, oldKeyIds: [OLD] };
const withKey = { ...base, newUserName: NEW_USER, copied: COPIED, newKeyId: NEW, region: "eu-west-1" };

export const smtpStates = {
  confirm: (): SmtpStateOf<"confirm-locations"> => ({ ...base, step: "confirm-locations" }),
  createUser: (newUserName: string | null = null, createRequestedAt: Date | null = null): SmtpStateOf<"create-user"> => ({
    ...base,
    step: "create-user",
    locationIds: ["loc-1", "loc-2"],
    newUserName,
    createRequestedAt,
  }),
  createKey: (createRequestedAt: Date | null = null, region: string | null = null): SmtpStateOf<"create-key"> => ({
    ...base,
    step: "create-key",
    locationIds: ["loc-1", "loc-2"],
    newUserName: NEW_USER,
    copied: COPIED,
    region,
    createRequestedAt,
  }),
  distribute: (ticked: string[] = []): SmtpStateOf<"distribute"> => ({
    ...withKey,
    step: "distribute",
    newKeyCreatedAt: at(-HOUR),
    checklist: ["loc-1", "loc-2"].map((locationId) => ({ locationId, updatedAt: ticked.includes(locationId) ? at(-MIN) : null, note: null })),
  }),
  verify: (verifyStartedAt = T0): SmtpStateOf<"verify-cutover"> => ({ ...withKey, step: "verify-cutover", verifyStartedAt }),
  retire: (notification: SmtpStateOf<"retire">["notification"] = { status: "sent", at: T0 }): SmtpStateOf<"retire"> => ({
    ...withKey,
    step: "retire",
    verifyStartedAt: at(-2 * QUIET),
    notification,
  }),
  inactive: (deactivatedAt = T0): SmtpStateOf<"old-inactive"> => ({
    ...withKey,
    step: "old-inactive",
    deactivatedAt,
    deactivatedKeyIds: [OLD],
    overrideReason: null,
  }),
  removing: (removed: SmtpStateOf<"remove-old-user">["removed"] = []): SmtpStateOf<"remove-old-user"> => ({
    ...withKey,
    step: "remove-old-user",
    deactivatedAt: at(-INACTIVE - DAY),
    removalStartedAt: at(-MIN),
    removed,
  }),
  done: (): SmtpStateOf<"done"> => ({ ...withKey, step: "done", removed: [], completedAt: T0 }),
  cancelled: (): SmtpStateOf<"cancelled"> => ({
    ...base,
    step: "cancelled",
    cancelledFrom: "distribute",
    newUserName: NEW_USER,
    newKeyId: NEW,
    reason: "test",
    cancelledAt: T0,
  }),
};
