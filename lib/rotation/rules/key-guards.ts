// Guards on single keys, shared by the rotation steps and the dashboard's direct key actions.
import type {
  CutoverEvaluation,
  GuardResult,
  KeySnapshot,
  Refusal,
  Role,
  RuleViolationCode,
  RulesConfig,
} from "./types.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_RULES_CONFIG: RulesConfig = { quietWindowMs: DAY_MS, inactivePeriodMs: 7 * DAY_MS };
export const MIN_OVERRIDE_REASON_LENGTH = 10;

export function refuse(code: RuleViolationCode, message: string): Refusal {
  return { ok: false, code, message };
}

export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) return "less than a minute";
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean);
  return parts.slice(0, 2).join(" ");
}

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A key is in use once IAM records use at or after its creation. */
export function isKeyInUse(key: KeySnapshot): boolean {
  return key.lastUsedDate !== null && key.lastUsedDate.getTime() >= key.createDate.getTime();
}

export function evaluateCutover(
  state: { verifyStartedAt: Date },
  oldKey: KeySnapshot,
  newKey: KeySnapshot,
  now: Date,
  config: RulesConfig,
): CutoverEvaluation {
  const newKeyInUse = isKeyInUse(newKey);
  const quietSinceMs = Math.max(state.verifyStartedAt.getTime(), oldKey.lastUsedDate?.getTime() ?? -Infinity);
  // Clamped: a Last used slightly ahead of our clock means "just used", not negative quiet.
  const oldKeyQuietForMs = Math.max(0, now.getTime() - quietSinceMs);
  const quiet = oldKeyQuietForMs >= config.quietWindowMs;
  const settled = newKeyInUse && quiet;
  const window = formatDuration(config.quietWindowMs);
  let reason: string;
  if (!newKeyInUse) {
    reason =
      `New key ${newKey.accessKeyId} shows no use yet (Last used: N/A). ` +
      "Check that every location has the new key and was redeployed, then wait for IAM to record use.";
  } else if (!quiet) {
    const left = formatDuration(config.quietWindowMs - oldKeyQuietForMs);
    reason =
      `New key is in use, but old key ${oldKey.accessKeyId} has been quiet only ${formatDuration(oldKeyQuietForMs)} ` +
      `(needs ${window}). Wait about ${left} more; if it keeps being used, find what still uses it.`;
  } else {
    reason =
      `New key is in use and old key ${oldKey.accessKeyId} has been quiet for ${window} or more: ` +
      "cut-over is settled.";
  }
  return { newKeyInUse, oldKeyQuietSince: new Date(quietSinceMs), oldKeyQuietForMs, settled, reason };
}

/** An Inactive new key cannot take over, whatever its use says; `old` names what it replaces. */
export function inactiveNewKeyRefusal(newKey: KeySnapshot, old: string): Refusal | null {
  if (newKey.status !== "Inactive") return null;
  return refuse("new-key-not-in-use", `New key ${newKey.accessKeyId} is Inactive, so it cannot take over. Reactivate it before retiring the ${old}.`);
}

/** The cut-over guard as a refusal, or null when settled. */
export function cutoverRefusal(evaluation: CutoverEvaluation, newKey: KeySnapshot): Refusal | null {
  const inactive = inactiveNewKeyRefusal(newKey, "old key");
  if (inactive || evaluation.settled) return inactive;
  return refuse(evaluation.newKeyInUse ? "old-key-not-quiet" : "new-key-not-in-use", evaluation.reason);
}

/** Lets an admin with a written reason past a safety refusal; everyone else gets the refusal. */
export function applyOverride(refusal: Refusal, role: Role, overrideReason: string | undefined): GuardResult {
  const reason = overrideReason?.trim() ?? "";
  if (reason === "") return refusal;
  if (role !== "admin") {
    return refuse(
      "override-requires-admin",
      `${refusal.message} Only an admin can override this check; ask an admin, or wait until it passes.`,
    );
  }
  if (reason.length < MIN_OVERRIDE_REASON_LENGTH) {
    return refuse(
      "override-reason-too-short",
      `An override needs a reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters for the audit log ` +
        "(what breaks if we wait, who agreed).",
    );
  }
  return { ok: true, overrideReason: reason };
}

export function checkCreateKey(keys: KeySnapshot[]): GuardResult {
  if (keys.length < 2) return { ok: true };
  return refuse(
    "third-key",
    `This user already has ${keys.length} access keys (${keys.map((k) => k.accessKeyId).join(", ")}). ` +
      "AWS allows at most two, and the runbook says one key, two only mid-rotation. " +
      "Remove the key that was never used, or finish the rotation in progress, before creating another.",
  );
}

export function checkDeactivateKey(input: {
  key: KeySnapshot;
  otherKeys: KeySnapshot[];
  role: Role;
  overrideReason?: string;
  config: RulesConfig;
  now: Date;
}): GuardResult {
  const { key, otherKeys, role, overrideReason, config, now } = input;
  if (key.status === "Inactive") {
    return refuse("key-already-inactive", `Key ${key.accessKeyId} is already Inactive; nothing to do.`);
  }
  if (key.lastUsedDate === null) return { ok: true };
  const lastUsed = formatTime(key.lastUsedDate);
  if (!otherKeys.some((other) => other.status === "Active" && isKeyInUse(other))) {
    return applyOverride(
      refuse(
        "new-key-not-in-use",
        `Key ${key.accessKeyId} was last used ${lastUsed} and no other Active key of this user is in use, ` +
          "so deactivating it would likely break whatever uses it. Rotate it instead.",
      ),
      role,
      overrideReason,
    );
  }
  const quietForMs = now.getTime() - key.lastUsedDate.getTime();
  if (quietForMs < config.quietWindowMs) {
    return applyOverride(
      refuse(
        "old-key-not-quiet",
        `Key ${key.accessKeyId} was used ${lastUsed}, within the last ${formatDuration(config.quietWindowMs)}. ` +
          `Something still uses it; wait about ${formatDuration(config.quietWindowMs - quietForMs)} more or find it.`,
      ),
      role,
      overrideReason,
    );
  }
  return { ok: true };
}

export function checkReactivateKey(key: KeySnapshot): GuardResult {
  if (key.status === "Inactive") return { ok: true };
  return refuse("key-not-inactive", `Key ${key.accessKeyId} is already Active; nothing to reactivate.`);
}

/**
 * `deactivatedAt`: when the key was first seen Inactive (a rotation knows; direct actions read it from IAM facts
 * keyrotate recorded). null means nobody knows, so the inactive period cannot be checked: only an admin, with a
 * written reason, may delete then.
 */
export function checkDeleteKey(input: {
  key: KeySnapshot;
  config: RulesConfig;
  now: Date;
  deactivatedAt: Date | null;
  role?: Role;
  overrideReason?: string;
}): GuardResult {
  const { key, config, now, deactivatedAt } = input;
  if (key.status === "Active") {
    return refuse(
      "active-key-delete",
      `Key ${key.accessKeyId} is Active. Never delete an Active key: make it Inactive first, ` +
        "watch that nothing breaks, then delete it.",
    );
  }
  if (key.lastUsedDate === null) return { ok: true };
  if (deactivatedAt === null) {
    return applyOverride(
      refuse(
        "inactive-since-unknown",
        `keyrotate does not know since when key ${key.accessKeyId} is Inactive (it was switched off before keyrotate recorded it), ` +
          `so it cannot tell whether the ${formatDuration(config.inactivePeriodMs)} inactive period is over. ` +
          "An admin can delete it with a reason; otherwise reactivate and deactivate it here to start the period.",
      ),
      input.role ?? "viewer",
      input.overrideReason,
    );
  }
  const lastUsed = key.lastUsedDate;
  if (lastUsed.getTime() > deactivatedAt.getTime()) {
    return refuse(
      "used-after-deactivation",
      `Something tried to use key ${key.accessKeyId} at ${formatTime(lastUsed)}, after it was made Inactive ` +
        `(${formatTime(deactivatedAt)}). Find and fix that caller (reactivate the key if it is broken) before deleting.`,
    );
  }
  const inactiveForMs = now.getTime() - deactivatedAt.getTime();
  if (inactiveForMs < config.inactivePeriodMs) {
    return refuse(
      "inactive-period-not-over",
      `Key ${key.accessKeyId} has been Inactive for ${formatDuration(inactiveForMs)}; the runbook waits ` +
        `${formatDuration(config.inactivePeriodMs)} so a rollback is still possible. ` +
        `Delete it in about ${formatDuration(config.inactivePeriodMs - inactiveForMs)}.`,
    );
  }
  const quietForMs = now.getTime() - lastUsed.getTime();
  if (quietForMs < config.quietWindowMs) {
    return refuse(
      "used-within-quiet-window",
      `Key ${key.accessKeyId} was used ${formatTime(lastUsed)}, within the last ${formatDuration(config.quietWindowMs)}. ` +
        "Something may still depend on it; wait until it has been quiet for the whole window.",
    );
  }
  return { ok: true };
}
