import "server-only";
// Saves many users and their keys as IAM listed them, writing only what differs from what is stored:
// one read of the users and one of their keys per chunk, bulk inserts for what is new, an update per changed
// row. A sync of thousands of unchanged users costs a handful of statements, not several per user.
import { db, type Tx } from "./client.ts";
import type { IamUserWithKeys } from "../iam/types.ts";

// Under SQLite's 999 bound parameters per statement: a chunk's lookups name 300 users and up to 600 keys;
// inserts of about ten columns go 50 rows at a time.
const CHUNK = 300;
const ROWS_PER_INSERT = 50;

export type SaveCounts = { keysAdded: number; keysDeleted: number };

const time = (d: Date | null | undefined) => d?.getTime() ?? null;

/**
 * `startedAt`, for a sync: a key written after the sync started (a rotation's new key, a live refresh) is newer
 * than what the sync read, so it is neither overwritten nor marked deleted.
 */
export async function saveUsers(accountId: string, users: IamUserWithKeys[], seenAt: Date, opts: { startedAt?: Date } = {}): Promise<SaveCounts> {
  const counts: SaveCounts = { keysAdded: 0, keysDeleted: 0 };
  for (let i = 0; i < users.length; i += CHUNK) {
    const chunk = users.slice(i, i + CHUNK);
    await db().$transaction((tx) => saveChunk(tx, accountId, chunk, seenAt, opts.startedAt, counts), { timeout: 120_000, maxWait: 10_000 });
  }
  return counts;
}

async function saveChunk(tx: Tx, accountId: string, users: IamUserWithKeys[], seenAt: Date, startedAt: Date | undefined, counts: SaveCounts) {
  const existing = await tx.iamUser.findMany({ where: { accountId, userName: { in: users.map((u) => u.userName) } } });
  const byName = new Map(existing.map((u) => [u.userName, u]));
  const fresh = users.filter((u) => !byName.has(u.userName));
  for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
    const created = await tx.iamUser.createManyAndReturn({
      data: fresh.slice(i, i + ROWS_PER_INSERT).map((u) => ({
        accountId,
        userName: u.userName,
        userId: u.userId,
        arn: u.arn,
        path: u.path,
        createDate: u.createDate,
        tags: u.tags ? JSON.stringify(u.tags) : null,
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
      })),
    });
    for (const u of created) byName.set(u.userName, u);
  }
  for (const u of users) {
    const row = byName.get(u.userName)!;
    const tags = u.tags ? JSON.stringify(u.tags) : row.tags;
    const changed = row.userId !== u.userId || row.arn !== u.arn || row.path !== u.path || time(row.createDate) !== time(u.createDate) || row.tags !== tags || row.deletedAt;
    if (changed) {
      await tx.iamUser.update({ where: { id: row.id }, data: { userId: u.userId, arn: u.arn, path: u.path, createDate: u.createDate, tags, deletedAt: null, lastSeenAt: seenAt } });
    }
  }

  const ids = users.map((u) => byName.get(u.userName)!.id);
  const listedUsers = new Set(ids);
  const incoming = users.flatMap((u) => u.keys.map((k) => ({ ...k, iamUserId: byName.get(u.userName)!.id })));
  const stored = await tx.accessKey.findMany({
    where: { OR: [{ iamUserId: { in: ids }, deletedAt: null }, { accessKeyId: { in: incoming.map((k) => k.accessKeyId) } }] },
  });
  const storedById = new Map(stored.map((k) => [k.accessKeyId, k]));
  const newer = (k: { lastSeenAt: Date }) => startedAt !== undefined && k.lastSeenAt >= startedAt;

  const toCreate = [];
  for (const k of incoming) {
    const was = storedById.get(k.accessKeyId);
    const inactiveSince = k.status !== "Inactive" ? null : was && was.status === "Inactive" && !was.deletedAt ? was.inactiveSince : seenAt;
    const facts = {
      iamUserId: k.iamUserId,
      status: k.status,
      inactiveSince,
      createDate: k.createDate,
      lastUsedDate: k.lastUsed.lastUsedDate,
      lastUsedService: k.lastUsed.service,
      lastUsedRegion: k.lastUsed.region,
    };
    if (!was) {
      toCreate.push({ accessKeyId: k.accessKeyId, accountId, ...facts, firstSeenAt: seenAt, lastSeenAt: seenAt });
      continue;
    }
    if (newer(was)) continue;
    if (was.deletedAt) counts.keysAdded++;
    const same =
      !was.deletedAt &&
      was.iamUserId === facts.iamUserId &&
      was.status === facts.status &&
      time(was.inactiveSince) === time(facts.inactiveSince) &&
      time(was.createDate) === time(facts.createDate) &&
      time(was.lastUsedDate) === time(facts.lastUsedDate) &&
      was.lastUsedService === facts.lastUsedService &&
      was.lastUsedRegion === facts.lastUsedRegion;
    if (!same) await tx.accessKey.update({ where: { accessKeyId: k.accessKeyId }, data: { ...facts, deletedAt: null, lastSeenAt: seenAt } });
  }
  for (let i = 0; i < toCreate.length; i += ROWS_PER_INSERT) await tx.accessKey.createMany({ data: toCreate.slice(i, i + ROWS_PER_INSERT) });
  counts.keysAdded += toCreate.length;

  // Keys the listed users no longer have, unless written after the sync started.
  const listed = new Set(incoming.map((k) => k.accessKeyId));
  const gone = stored.filter((k) => !k.deletedAt && listedUsers.has(k.iamUserId) && !listed.has(k.accessKeyId) && !newer(k)).map((k) => k.accessKeyId);
  if (gone.length) counts.keysDeleted += (await tx.accessKey.updateMany({ where: { accessKeyId: { in: gone } }, data: { deletedAt: seenAt } })).count;
}
