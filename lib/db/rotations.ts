import "server-only";
// Guided rotations. The rules' state is stored as JSON beside a few indexed columns; every write
// is a compare-and-swap on `version`, so two browsers acting at once cannot both win.
import { db } from "./client.ts";
import { KeyrotateError } from "../errors.ts";
import type { RotationState } from "../rotation/rules/index.ts";

export type RotationRecord = {
  id: string;
  accountId: string;
  iamUserId: string;
  userName: string;
  step: RotationState["step"];
  state: RotationState;
  oldKeyId: string | null;
  newKeyId: string | null;
  startedBy: string;
  startedAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  version: number;
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function serializeState(state: RotationState): string {
  return JSON.stringify(state);
}

/** JSON with its ISO date strings turned back into Dates. */
export function deserializeState(json: string): RotationState {
  return JSON.parse(json, (_k, v) => (typeof v === "string" && ISO.test(v) ? new Date(v) : v)) as RotationState;
}

function keyIds(state: RotationState): { oldKeyId: string | null; newKeyId: string | null } {
  return {
    oldKeyId: "oldKeyId" in state ? state.oldKeyId : null,
    newKeyId: "newKeyId" in state ? state.newKeyId : null,
  };
}

const finished = (state: RotationState) => state.step === "done" || state.step === "cancelled";

type Row = Omit<RotationRecord, "state" | "step" | "userName"> & { state: string; step: string; user: { userName: string } };

function toRecord({ user, ...row }: Row): RotationRecord {
  return { ...row, step: row.step as RotationState["step"], state: deserializeState(row.state), userName: user.userName };
}

const include = { user: { select: { userName: true } } } as const;

export async function createRotation(input: {
  accountId: string;
  iamUserId: string;
  userName: string;
  state: RotationState;
  startedBy: string;
}): Promise<RotationRecord> {
  try {
    const row = await db().rotation.create({
      data: {
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
    if ((error as { code?: string })?.code === "P2002") {
      const current = await findActiveRotation(input.iamUserId);
      throw new KeyrotateError(
        "conflict",
        `A rotation of ${input.userName} is already in progress${current ? ` (started by ${current.startedBy})` : ""}: continue that one.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Writes the next state only if nobody wrote since `rotation` was read, and returns the record as it now
 * stands (built here: the row just written holds nothing the caller does not know).
 */
export async function saveRotationState(rotation: RotationRecord, state: RotationState): Promise<RotationRecord> {
  const done = finished(state);
  const now = new Date();
  const completedAt = done ? now : null;
  const { count } = await db().rotation.updateMany({
    where: { id: rotation.id, version: rotation.version },
    data: {
      step: state.step,
      state: serializeState(state),
      ...keyIds(state),
      version: { increment: 1 },
      updatedAt: now,
      // A finished rotation frees the user; one reopened (reconciliation found its end never reached IAM) holds it again.
      ...(done ? { activeLock: null, completedAt } : rotation.completedAt ? { activeLock: rotation.iamUserId, completedAt: null } : {}),
    },
  });
  if (count === 0) {
    throw new KeyrotateError("conflict", "Someone else moved this rotation on while you were looking. The page now shows where it stands.");
  }
  return { ...rotation, step: state.step, state, ...keyIds(state), version: rotation.version + 1, updatedAt: now, completedAt };
}

export async function getRotation(id: string): Promise<RotationRecord | null> {
  const row = await db().rotation.findUnique({ where: { id }, include });
  return row ? toRecord(row) : null;
}

export async function findActiveRotation(iamUserId: string): Promise<RotationRecord | null> {
  const row = await db().rotation.findUnique({ where: { activeLock: iamUserId }, include });
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

/** A durable record of who ticked a location during a rotation (the rules keep the checklist). */
export async function recordLocationUpdate(rotationId: string, locationId: string, note: string | null, actor: string): Promise<void> {
  await db().rotationLocationUpdate.upsert({
    where: { rotationId_locationId: { rotationId, locationId } },
    create: { rotationId, locationId, note, updatedBy: actor },
    update: { note, updatedBy: actor, updatedAt: new Date() },
  });
}

export async function removeLocationUpdate(rotationId: string, locationId: string): Promise<void> {
  await db().rotationLocationUpdate.deleteMany({ where: { rotationId, locationId } });
}

export async function listLocationUpdates(rotationId: string) {
  return db().rotationLocationUpdate.findMany({ where: { rotationId }, orderBy: { updatedAt: "asc" } });
}
