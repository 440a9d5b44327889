import "server-only";
// Writes what IAM says. Vanished users and keys are kept with `deletedAt` so their history
// (locations, rotations, audit) still has something to point at.
import { db, type Tx } from "./client.ts";
import type { IamUserWithKeys } from "../iam/types.ts";

export type SyncCounts = { usersSeen: number; keysSeen: number; keysAdded: number; keysDeleted: number };

/**
 * Upserts one user and its keys; keys IAM no longer lists for the user are marked deleted. A sync passes
 * `startedAt`: what was written after it started (a rotation's new key, a live refresh) is newer than what
 * the sync read, so it is neither overwritten nor marked deleted.
 */
export async function saveUserKeys(
  accountId: string,
  u: IamUserWithKeys,
  seenAt: Date,
  prisma: Tx = db(),
  opts: { startedAt?: Date } = {},
): Promise<{ iamUserId: string; added: number; deleted: number }> {
  const seen = { lastSeenAt: seenAt, deletedAt: null };
  // Tags are only known when the read included them: an unknown is not "no tags".
  const facts = { userId: u.userId, arn: u.arn, path: u.path, createDate: u.createDate, ...(u.tags ? { tags: JSON.stringify(u.tags) } : {}) };
  const user = await prisma.iamUser.upsert({
    where: { accountId_userName: { accountId, userName: u.userName } },
    create: { accountId, userName: u.userName, ...facts, firstSeenAt: seenAt, lastSeenAt: seenAt },
    update: { ...facts, ...seen },
  });
  const stored = await prisma.accessKey.findMany({ where: { iamUserId: user.id, deletedAt: null }, select: { accessKeyId: true, lastSeenAt: true } });
  const newer = new Set(opts.startedAt ? stored.filter((k) => k.lastSeenAt >= opts.startedAt!).map((k) => k.accessKeyId) : []);
  const known = new Set(stored.map((k) => k.accessKeyId));
  let added = 0;
  for (const k of u.keys) {
    if (newer.has(k.accessKeyId)) continue;
    if (!known.has(k.accessKeyId)) added++;
    const keyFacts = {
      status: k.status,
      createDate: k.createDate,
      lastUsedDate: k.lastUsed.lastUsedDate,
      lastUsedService: k.lastUsed.service,
      lastUsedRegion: k.lastUsed.region,
    };
    await prisma.accessKey.upsert({
      where: { accessKeyId: k.accessKeyId },
      create: { accessKeyId: k.accessKeyId, accountId, iamUserId: user.id, ...keyFacts, firstSeenAt: seenAt, lastSeenAt: seenAt },
      update: { iamUserId: user.id, ...keyFacts, ...seen },
    });
  }
  const gone = await prisma.accessKey.updateMany({
    where: {
      iamUserId: user.id,
      deletedAt: null,
      accessKeyId: { notIn: u.keys.map((k) => k.accessKeyId) },
      ...(opts.startedAt ? { lastSeenAt: { lt: opts.startedAt } } : {}),
    },
    data: { deletedAt: seenAt },
  });
  return { iamUserId: user.id, added, deleted: gone.count };
}

const USERS_PER_TRANSACTION = 100;

/** A whole account as one sync saw it. */
export async function saveInventory(accountId: string, users: IamUserWithKeys[], seenAt: Date): Promise<SyncCounts> {
  const prisma = db();
  await prisma.account.upsert({ where: { id: accountId }, create: { id: accountId }, update: {} });
  const counts: SyncCounts = { usersSeen: users.length, keysSeen: 0, keysAdded: 0, keysDeleted: 0 };
  // A transaction per batch: one commit per hundred users instead of one per statement (SQLite
  // syncs the file at every commit), yet short enough not to hold the database for a whole sync.
  for (let i = 0; i < users.length; i += USERS_PER_TRANSACTION) {
    const batch = users.slice(i, i + USERS_PER_TRANSACTION);
    await prisma.$transaction(
      async (tx) => {
        for (const u of batch) {
          const saved = await saveUserKeys(accountId, u, seenAt, tx);
          counts.keysSeen += u.keys.length;
          counts.keysAdded += saved.added;
          counts.keysDeleted += saved.deleted;
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }
  // Whatever this sync did not touch is gone from IAM. Compared by time, not by a list of names:
  // SQLite refuses a statement with more than 999 parameters, and accounts have thousands of users.
  const notSeen = { accountId, deletedAt: null, lastSeenAt: { lt: seenAt } };
  const goneKeys = await prisma.accessKey.updateMany({ where: notSeen, data: { deletedAt: seenAt } });
  counts.keysDeleted += goneKeys.count;
  await prisma.iamUser.updateMany({ where: notSeen, data: { deletedAt: seenAt } });
  return counts;
}
