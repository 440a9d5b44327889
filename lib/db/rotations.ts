import "server-only";
// Guided rotations. The rules' state is stored as JSON beside a few indexed columns; every write
// is a compare-and-swap on `version`, so two browsers acting at once cannot both win. Two kinds share
// the table: "key" (a user's access key, rotated in place) and "smtp-user" (lib/db/smtp-rotations.ts).
import { db } from "./client.ts";
import { KeyrotateError } from "../errors.ts";
import type { RotationState } from "../rotation/rules/index.ts";
import type { SmtpRotationState } from "../rotation/rules/smtp.ts";

type RecordCommon = {
  id: string;
  accountId: string;
  /** The user being rotated (for an SMTP user rotation, the old user). */
  iamUserId: string;
  userName: string;
  oldKeyId: string | null;
  newKeyId: string | null;
  startedBy: string;
  startedAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  version: number;
};

export type KeyRotationRecord = RecordCommon & { kind: "key"; step: RotationState["step"]; state: RotationState };
export type SmtpRotationRecord = RecordCommon & {
  kind: "smtp-user";
  step: SmtpRotationState["step"];
  state: SmtpRotationState;
  /** The new dated user's id while the rotation runs (it is locked too); null before it exists and after the end. */
  newUserLock: string | null;
};
/** A rotation of either kind, as lists and locks see it. */
export type RotationRecord = KeyRotationRecord | SmtpRotationRecord;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function serializeState(state: RotationState | SmtpRotationState): string {
  return JSON.stringify(state);
}

/** JSON with its ISO date strings turned back into Dates. */
export function deserializeState<S = RotationState>(json: string): S {
  return JSON.parse(json, (_k, v) => (typeof v === "string" && ISO.test(v) ? new Date(v) : v)) as S;
}

/** The indexed key columns: the old key (an SMTP user's first) and the new one. */
export function keyIds(state: RotationState | SmtpRotationState): { oldKeyId: string | null; newKeyId: string | null } {
  const oldKeyId = "oldKeyIds" in state ? (state.oldKeyIds[0] ?? null) : "oldKeyId" in state ? state.oldKeyId : null;
  return { oldKeyId, newKeyId: "newKeyId" in state ? state.newKeyId : null };
}

export const finished = (state: { step: string }) => state.step === "done" || state.step === "cancelled";

type Row = Omit<RecordCommon, "userName"> & { kind: string; step: string; state: string; newUserLock: string | null; user: { userName: string } };

export function toRecord({ user, kind, step, state, newUserLock, ...row }: Row): RotationRecord {
  const common = { ...row, userName: user.userName };
  if (kind === "smtp-user") {
    return { ...common, kind, step: step as SmtpRotationState["step"], state: deserializeState<SmtpRotationState>(state), newUserLock };
  }
  return { ...common, kind: "key", step: step as RotationState["step"], state: deserializeState(state) };
}

export const include = { user: { select: { userName: true } } } as const;

export const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

/** Refuses to start on a user another rotation holds, as its subject or as the new user it created. */
export async function lockConflict(iamUserId: string, userName: string, cause?: unknown): Promise<KeyrotateError> {
  const current = await findActiveRotation(iamUserId);
  const created = current?.kind === "smtp-user" && current.iamUserId !== iamUserId;
  return new KeyrotateError(
    "conflict",
    created
      ? `${userName} was created by the SES SMTP rotation of ${current.userName}, still in progress: finish that one first.`
      : `A rotation of ${userName} is already in progress${current ? ` (started by ${current.startedBy})` : ""}: continue that one.`,
    { cause },
  );
}

/** Inserts a rotation that holds its user's lock; the unique lock refuses a second one per user. */
/** A rotation about to start, of the kind whose state it holds. */
export type NewRotation<State> = { accountId: string; iamUserId: string; userName: string; state: State; startedBy: string };

export async function insertRotation(input: NewRotation<RotationState | SmtpRotationState> & { kind: RotationRecord["kind"] }): Promise<RotationRecord> {
  // A user an SMTP rotation created is locked by that rotation's second lock, which the unique
  // column below cannot see: ask first.
  if (await db().rotation.findFirst({ where: { newUserLock: input.iamUserId }, select: { id: true } })) {
    throw await lockConflict(input.iamUserId, input.userName);
  }
  try {
    const row = await db().rotation.create({
      data: {
        kind: input.kind,
        accountId: input.accountId,
        iamUserId: input.iamUserId,
        activeLock: finished(input.state) ? null : input.iamUserId,
        step: input.state.step,
        state: serializeState(input.state),
        ...keyIds(input.state),
        startedBy: input.startedBy,
        completedAt: finished(input.state) ? new Date() : null,
      },
      include,
    });
    return toRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw await lockConflict(input.iamUserId, input.userName, error);
    throw error;
  }
}

export async function createRotation(input: NewRotation<RotationState>): Promise<KeyRotationRecord> {
  return (await insertRotation({ ...input, kind: "key" })) as KeyRotationRecord;
}

export const CHANGED_MEANWHILE = "Someone else moved this rotation on while you were looking. The page now shows where it stands.";

/**
 * Writes the next state of either kind only if nobody wrote since `rotation` was read (compare-and-swap on
 * `version`), with the locks and completion the kind decides; refused as a conflict otherwise.
 */
export async function swapState(
  rotation: Pick<RotationRecord, "id" | "version">,
  state: RotationState | SmtpRotationState,
  now: Date,
  locks: { activeLock?: string | null; newUserLock?: string | null; completedAt?: Date | null },
): Promise<void> {
  const { count } = await db().rotation.updateMany({
    where: { id: rotation.id, version: rotation.version },
    data: { step: state.step, state: serializeState(state), ...keyIds(state), version: { increment: 1 }, updatedAt: now, ...locks },
  });
  if (count === 0) throw new KeyrotateError("conflict", CHANGED_MEANWHILE);
}

/**
 * Writes the next state only if nobody wrote since `rotation` was read, and returns the record as it now
 * stands (built here: the row just written holds nothing the caller does not know).
 */
export async function saveRotationState(rotation: KeyRotationRecord, state: RotationState): Promise<KeyRotationRecord> {
  const done = finished(state);
  const now = new Date();
  const completedAt = done ? now : null;
  // A finished rotation frees the user; one reopened (reconciliation found its end never reached IAM) holds it again.
  await swapState(rotation, state, now, done ? { activeLock: null, completedAt } : rotation.completedAt ? { activeLock: rotation.iamUserId, completedAt: null } : {});
  return { ...rotation, step: state.step, state, ...keyIds(state), version: rotation.version + 1, updatedAt: now, completedAt };
}

export async function getRotation(id: string): Promise<RotationRecord | null> {
  // A URL's id can be anything; ours are cuids. PostgreSQL refuses a NUL in a query with an error, not a miss.
  if (!/^[\w-]{1,128}$/.test(id)) return null;
  const row = await db().rotation.findUnique({ where: { id }, include });
  return row ? toRecord(row) : null;
}

/** The rotation in progress that holds this user: as the user it rotates, or as the new user an SMTP rotation created. */
export async function findActiveRotation(iamUserId: string): Promise<RotationRecord | null> {
  const row = await db().rotation.findFirst({ where: { OR: [{ activeLock: iamUserId }, { newUserLock: iamUserId }] }, include });
  return row ? toRecord(row) : null;
}

/** Rotations in progress, and those finished since `since` (whose last step might not have reached IAM). */
export async function listRotationsToReconcile(since: Date): Promise<RotationRecord[]> {
  const rows = await db().rotation.findMany({ where: { OR: [{ activeLock: { not: null } }, { step: "done", completedAt: { gte: since } }] }, include });
  return rows.map(toRecord);
}

export async function listActiveRotations(): Promise<RotationRecord[]> {
  const rows = await db().rotation.findMany({ where: { activeLock: { not: null } }, include, orderBy: { startedAt: "asc" } });
  return rows.map(toRecord);
}

/** Where a rotation of either kind is shown. */
export function rotationPath(rotation: Pick<RotationRecord, "id" | "kind">): string {
  return rotation.kind === "smtp-user" ? `/smtp-rotations/${rotation.id}` : `/rotations/${rotation.id}`;
}

/** A durable record of who ticked a location during a rotation (the rules keep the checklist). */
export async function recordLocationUpdate(rotationId: string, locationId: string, note: string | null, actor: string): Promise<void> {
  await db().rotationLocationUpdate.upsert({
    where: { rotationId_locationId: { rotationId, locationId } },
    create: { rotationId, locationId, note, updatedBy: actor },
    update: { note, updatedBy: actor, updatedAt: new Date() },
  });
}

export async function removeLocationUpdate(rotationId: string, locationId: string): Promise<void> {
  // What keyrotate wrote into a store stays on record even when unticked: a rollback must still find it.
  await db().rotationLocationUpdate.deleteMany({ where: { rotationId, locationId, versionId: null } });
}

export async function listLocationUpdates(rotationId: string) {
  return db().rotationLocationUpdate.findMany({ where: { rotationId }, orderBy: { updatedAt: "asc" } });
}

/** keyrotate wrote the new key into a store: the tick, with the version ids a rollback needs (never the value). */
export async function recordStoreWrite(
  rotationId: string,
  locationId: string,
  written: { versionId: string; previousVersionId: string | null },
  actor: string,
): Promise<void> {
  const data = { note: `written by keyrotate (version ${written.versionId})`, updatedBy: actor, versionId: written.versionId, previousVersionId: written.previousVersionId };
  await db().rotationLocationUpdate.upsert({
    where: { rotationId_locationId: { rotationId, locationId } },
    create: { rotationId, locationId, ...data },
    update: { ...data, updatedAt: new Date(), restoredAt: null, restoredBy: null },
  });
}

export type StoreWriteRecord = { locationId: string; versionId: string; previousVersionId: string | null; restoredAt: Date | null; restoredBy: string | null };

/** The stores keyrotate wrote in a rotation (restored or not). */
export async function listStoreWrites(rotationId: string): Promise<StoreWriteRecord[]> {
  const rows = await db().rotationLocationUpdate.findMany({ where: { rotationId, versionId: { not: null } }, orderBy: { updatedAt: "asc" } });
  return rows.map((r) => ({ locationId: r.locationId, versionId: r.versionId!, previousVersionId: r.previousVersionId, restoredAt: r.restoredAt, restoredBy: r.restoredBy }));
}

export async function markStoreRestored(rotationId: string, locationId: string, actor: string, at = new Date()): Promise<void> {
  await db().rotationLocationUpdate.updateMany({ where: { rotationId, locationId }, data: { restoredAt: at, restoredBy: actor } });
}
