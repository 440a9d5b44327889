import "server-only";
// Locations: where each key is used. Plain objects out; unique-constraint clashes become a
// message a person understands.
import { db } from "./client.ts";
import { KeyrotateError } from "../errors.ts";
import type { LocationInput, LocationKind } from "../locations/schema.ts";
import { parseStore, serializeStore, type StoreSpec } from "../distribute/store.ts";

export type LocationRecord = {
  id: string;
  accountId: string;
  userName: string;
  iamUserId: string;
  accessKeyId: string | null;
  kind: LocationKind;
  system: string;
  environment: string;
  identifier: string;
  notes: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  /** Set for the kinds keyrotate writes itself: where the store is. */
  store: StoreSpec | null;
};

const include = { user: { select: { userName: true } } } as const;

type Row = Omit<LocationRecord, "userName" | "kind" | "store"> & { kind: string; store: string | null; user: { userName: string } };

function toRecord({ user, store, ...row }: Row): LocationRecord {
  return { ...row, kind: row.kind as LocationKind, userName: user.userName, store: parseStore(store) };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

const DUPLICATE = "This location is already recorded for this user (same kind, system, environment and identifier).";

export async function listLocations(where: { accessKeyId?: string; iamUserId?: string } = {}): Promise<LocationRecord[]> {
  const rows = await db().location.findMany({
    where,
    include,
    orderBy: [{ environment: "asc" }, { system: "asc" }, { identifier: "asc" }],
  });
  return rows.map(toRecord);
}

export async function getLocation(id: string): Promise<LocationRecord | null> {
  const row = await db().location.findUnique({ where: { id }, include });
  return row ? toRecord(row) : null;
}

export async function createLocation(
  owner: { accountId: string; iamUserId: string; accessKeyId: string },
  input: LocationInput,
  actor: string,
): Promise<LocationRecord> {
  try {
    const row = await db().location.create({
      data: { ...owner, ...input, store: serializeStore(input.store ?? null, owner.accountId), createdBy: actor, updatedBy: actor },
      include,
    });
    return toRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new KeyrotateError("conflict", DUPLICATE, { cause: error });
    throw error;
  }
}

export async function updateLocation(id: string, input: LocationInput, actor: string): Promise<LocationRecord> {
  try {
    const owner = await db().location.findUnique({ where: { id }, select: { accountId: true } });
    const store = serializeStore(input.store ?? null, owner?.accountId ?? "");
    const row = await db().location.update({ where: { id }, data: { ...input, store, updatedBy: actor }, include });
    return toRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new KeyrotateError("conflict", DUPLICATE, { cause: error });
    throw notFoundOr(error);
  }
}

export async function confirmLocation(id: string, actor: string, at = new Date()): Promise<LocationRecord> {
  try {
    const row = await db().location.update({ where: { id }, data: { confirmedBy: actor, confirmedAt: at }, include });
    return toRecord(row);
  } catch (error) {
    throw notFoundOr(error);
  }
}

export async function deleteLocation(id: string): Promise<LocationRecord> {
  try {
    return toRecord(await db().location.delete({ where: { id }, include }));
  } catch (error) {
    throw notFoundOr(error);
  }
}

function notFoundOr(error: unknown): unknown {
  if ((error as { code?: string })?.code === "P2025") {
    return new KeyrotateError("not-found", "That location no longer exists: someone may have removed it.", { cause: error });
  }
  return error;
}

/** Points every location of the old key at the new one (the end of a rotation). */
export async function moveLocationsToKey(oldKeyId: string, newKeyId: string, actor: string): Promise<number> {
  const moved = await db().location.updateMany({
    where: { accessKeyId: oldKeyId },
    data: { accessKeyId: newKeyId, updatedBy: actor },
  });
  return moved.count;
}

/**
 * Hands every location of a user to another user's key (the end of an SES SMTP user rotation: the
 * old user goes away, the new dated user's key is what those places now hold).
 */
export async function moveLocationsToUser(fromIamUserId: string, to: { iamUserId: string; accessKeyId: string }, actor: string): Promise<number> {
  let moved = 0;
  // One by one: a place already recorded for the new user stays recorded once (the old row is left).
  for (const { id } of await db().location.findMany({ where: { iamUserId: fromIamUserId }, select: { id: true } })) {
    try {
      await db().location.update({ where: { id }, data: { iamUserId: to.iamUserId, accessKeyId: to.accessKeyId, updatedBy: actor } });
      moved++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return moved;
}

export type LocationImportRow = {
  accountId: string;
  iamUserId: string;
  accessKeyId: string;
  kind: LocationKind;
  system: string;
  environment: string;
  identifier: string;
  notes: string | null;
  /** Already serialized (serializeStore), or null for kinds people update by hand. */
  store: string | null;
};

export type ImportCounts = { created: number; updated: number; unchanged: number };

const identity = (l: { iamUserId: string; kind: string; system: string; environment: string; identifier: string }) =>
  JSON.stringify([l.iamUserId, l.kind, l.system, l.environment, l.identifier]);

// Bounded so neither database meets its limit on bound parameters per statement.
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * All rows or none, in one transaction; a row already stored as given is left alone (idempotent).
 * Existing rows are read once and new ones inserted in batches: 10,000 rows take seconds, not minutes.
 */
export async function importLocations(rows: LocationImportRow[], actor: string): Promise<ImportCounts> {
  return db().$transaction(
    async (tx) => {
      const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
      const existing = new Map<string, { id: string; accessKeyId: string | null; notes: string | null; store: string | null }>();
      for (const ids of chunks([...new Set(rows.map((r) => r.iamUserId))])) {
        for (const l of await tx.location.findMany({ where: { iamUserId: { in: ids } } })) existing.set(identity(l), l);
      }
      const toCreate: LocationImportRow[] = [];
      for (const row of rows) {
        const found = existing.get(identity(row));
        if (!found) {
          toCreate.push(row);
        } else if (found.accessKeyId !== row.accessKeyId || found.notes !== row.notes || found.store !== row.store) {
          await tx.location.update({ where: { id: found.id }, data: { accessKeyId: row.accessKeyId, notes: row.notes, store: row.store, updatedBy: actor } });
          counts.updated++;
        } else {
          counts.unchanged++;
        }
      }
      for (const batch of chunks(toCreate)) {
        await tx.location.createMany({ data: batch.map((row) => ({ ...row, createdBy: actor, updatedBy: actor })) });
      }
      counts.created = toCreate.length;
      return counts;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Locations in id order after `after` (a page of the read API), optionally of one key. */
export async function listLocationsAfter(opts: { after?: string; take: number; accessKeyId?: string }): Promise<LocationRecord[]> {
  const rows = await db().location.findMany({
    where: { accessKeyId: opts.accessKeyId, id: opts.after ? { gt: opts.after } : undefined },
    include,
    orderBy: { id: "asc" },
    take: opts.take,
  });
  return rows.map(toRecord);
}
