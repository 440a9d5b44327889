// What must hold before an SMTP user rotation moves on: the new user's key in use for SES, the old
// user quiet, orphaned keys on the new user, and the old user's keys ready for deletion. The single-key
// guards (quiet window, inactive period, admin override) are the key rotation's own.
import { checkDeleteKey, formatDuration, formatTime, inactiveNewKeyRefusal, isKeyInUse } from "./key-guards.ts";
import type { RulesConfig } from "./types.ts";
import type {
  SmtpCutoverEvaluation,
  SmtpGuardResult,
  SmtpKeySnapshot,
  SmtpRefusal,
  SmtpViolationCode,
} from "./smtp-types.ts";

/** The service IAM reports for a key used through SES (the API or the SMTP interface). */
export const SES_SERVICE = "ses";

export function refuseSmtp(code: SmtpViolationCode, message: string): SmtpRefusal {
  return { ok: false, code, message };
}

const usedForSes = (key: SmtpKeySnapshot) => key.lastUsedService?.toLowerCase() === SES_SERVICE;

/**
 * Cut-over from the old user to the new one: the new key has been used for SES since it was created,
 * and every key of the old user has been quiet for the quiet window (counted from the start of the
 * watch, or from the old user's last use when later).
 */
export function evaluateSmtpCutover(
  state: { verifyStartedAt: Date },
  oldKeys: SmtpKeySnapshot[],
  newKey: SmtpKeySnapshot,
  now: Date,
  config: RulesConfig,
): SmtpCutoverEvaluation {
  const loudest = oldKeys.reduce<SmtpKeySnapshot | null>(
    (best, k) => ((k.lastUsedDate?.getTime() ?? -Infinity) > (best?.lastUsedDate?.getTime() ?? -Infinity) ? k : best),
    null,
  );
  const inUse = isKeyInUse(newKey);
  const newKeyInUse = inUse && usedForSes(newKey);
  const quietSinceMs = Math.max(state.verifyStartedAt.getTime(), loudest?.lastUsedDate?.getTime() ?? -Infinity);
  // Clamped: a Last used slightly ahead of our clock means "just used", not negative quiet.
  const oldKeyQuietForMs = Math.max(0, now.getTime() - quietSinceMs);
  const quiet = oldKeyQuietForMs >= config.quietWindowMs;
  const window = formatDuration(config.quietWindowMs);
  let reason: string;
  if (!inUse) {
    reason =
      `New key ${newKey.accessKeyId} shows no use yet (Last used: N/A). Check that every location has the new SMTP ` +
      "user name and password and was redeployed, then wait for IAM to record a send.";
  } else if (!newKeyInUse) {
    reason =
      `New key ${newKey.accessKeyId} was last used for "${newKey.lastUsedService ?? "an unknown service"}", not SES. ` +
      "SMTP credentials are in use once an email is sent with them: wait for the application to send one.";
  } else if (!quiet) {
    const left = formatDuration(config.quietWindowMs - oldKeyQuietForMs);
    reason =
      `New key is sending through SES, but the old user has been quiet only ${formatDuration(oldKeyQuietForMs)} ` +
      `(needs ${window}). Wait about ${left} more; if it keeps being used, find what still sends with it.`;
  } else {
    reason = `New key is sending through SES and the old user has been quiet for ${window} or more: cut-over is settled.`;
  }
  return {
    newKeyInUse,
    newKeyService: newKey.lastUsedDate ? newKey.lastUsedService : null,
    loudestOldKeyId: loudest?.accessKeyId ?? oldKeys[0]?.accessKeyId ?? null,
    oldKeyQuietSince: new Date(quietSinceMs),
    oldKeyQuietForMs,
    settled: newKeyInUse && quiet,
    reason,
  };
}

/** The cut-over guard as a refusal, or null when settled. */
export function smtpCutoverRefusal(evaluation: SmtpCutoverEvaluation, newKey: SmtpKeySnapshot): SmtpRefusal | null {
  const inactive = inactiveNewKeyRefusal(newKey, "old user");
  if (inactive || evaluation.settled) return inactive;
  if (!isKeyInUse(newKey)) return refuseSmtp("new-key-not-in-use", evaluation.reason);
  return refuseSmtp(evaluation.newKeyInUse ? "old-key-not-quiet" : "new-key-not-used-for-ses", evaluation.reason);
}

/**
 * Keys on the new user before this rotation recorded one: a key created just before keyrotate stopped,
 * whose secret nobody ever saw. Never used, it is deleted and replaced; used, someone else holds it.
 */
export function orphanKeysGuard(newKeys: SmtpKeySnapshot[], newUserName: string): SmtpGuardResult {
  const used = newKeys.find((k) => k.lastUsedDate !== null);
  if (used) {
    return refuseSmtp(
      "orphan-key-used",
      `${newUserName} already has key ${used.accessKeyId}, last used ${formatTime(used.lastUsedDate!)}, which this rotation ` +
        "did not create: someone else holds its secret. Find out who before going on, or cancel this rotation.",
    );
  }
  if (newKeys.length >= 2) {
    return refuseSmtp("third-key", `${newUserName} already has ${newKeys.length} keys: check the user in IAM before going on.`);
  }
  return { ok: true };
}

/** Every key of the old user must pass the single-key delete guard before the user is removed. */
export function checkRemoveOldUser(input: {
  oldKeys: SmtpKeySnapshot[];
  oldUserName: string;
  deactivatedAt: Date;
  config: RulesConfig;
  now: Date;
}): SmtpGuardResult {
  const { oldKeys, oldUserName, deactivatedAt, config, now } = input;
  for (const key of oldKeys) {
    const guard = checkDeleteKey({ key, config, now, deactivatedAt });
    if (!guard.ok) {
      const message =
        guard.code === "active-key-delete"
          ? `Key ${key.accessKeyId} of ${oldUserName} is Active again. Never delete a user whose key is Active: ` +
            'roll back with "Reactivate", watch the cut-over, then retire the old user again.'
          : guard.message;
      return refuseSmtp(guard.code, message);
    }
  }
  return { ok: true };
}
