import "server-only";
// SES SMTP user rotations: rows of the Rotation table of kind "smtp-user". The old user holds the
// rotation's `activeLock` from the start; the new dated user is locked by `newUserLock` from its
// creation; both are released when the rotation ends. Writes are compare-and-swap on `version`.
import { db } from "./client.ts";
import type { SmtpRotationState } from "../rotation/rules/smtp.ts";
import { finished, getRotation, insertRotation, isUniqueViolation, keyIds, lockConflict, swapState, type NewRotation, type SmtpRotationRecord } from "./rotations.ts";

export type { SmtpRotationRecord } from "./rotations.ts";

export async function createSmtpRotation(input: NewRotation<SmtpRotationState>): Promise<SmtpRotationRecord> {
  return (await insertRotation({ ...input, kind: "smtp-user" })) as SmtpRotationRecord;
}

export async function getSmtpRotation(id: string): Promise<SmtpRotationRecord | null> {
  const rotation = await getRotation(id);
  return rotation?.kind === "smtp-user" ? rotation : null;
}

/**
 * Writes the next state if nobody wrote since `rotation` was read. `newUserLock` takes the new user's
 * lock in the same write; a user another rotation holds is refused.
 */
export async function saveSmtpRotationState(
  rotation: SmtpRotationRecord,
  state: SmtpRotationState,
  opts: { newUserLock?: { iamUserId: string; userName: string } } = {},
): Promise<SmtpRotationRecord> {
  const done = finished(state);
  const now = new Date();
  const completedAt = done ? now : rotation.completedAt;
  const lock = opts.newUserLock?.iamUserId;
  if (lock && lock !== rotation.newUserLock) {
    const held = await db().rotation.findFirst({ where: { activeLock: lock }, select: { id: true } });
    if (held) throw await lockConflict(lock, opts.newUserLock!.userName);
  }
  const newUserLock = done ? null : (lock ?? rotation.newUserLock);
  try {
    await swapState(rotation, state, now, { newUserLock, ...(done ? { activeLock: null, completedAt } : {}) });
  } catch (error) {
    if (isUniqueViolation(error) && opts.newUserLock) throw await lockConflict(opts.newUserLock.iamUserId, opts.newUserLock.userName, error);
    throw error;
  }
  return { ...rotation, step: state.step, state, ...keyIds(state), newUserLock, version: rotation.version + 1, updatedAt: now, completedAt };
}
