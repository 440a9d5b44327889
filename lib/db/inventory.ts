import "server-only";
// Writes what IAM says. Vanished users and keys are kept with `deletedAt` so their history
// (locations, rotations, audit) still has something to point at.
import { db, type Tx } from "./client.ts";
import type { IamUserWithKeys } from "../iam/types.ts";
import { saveUsers } from "./save-users.ts";

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
  const stored = await prisma.accessKey.findMany({
    where: { iamUserId: user.id, deletedAt: null },
    select: { accessKeyId: true, lastSeenAt: true, status: true, inactiveSince: true },
  });
  const before = new Map(stored.map((k) => [k.accessKeyId, k]));
  /** Kept once known; now when keyrotate sees the switch; unknown (null) for a key it already held Inactive without a date. */
  const inactiveSinceOf = (id: string, status: string): Date | null => {
    if (status !== "Inactive") return null;
    const was = before.get(id);
    return was?.status === "Inactive" ? was.inactiveSince : seenAt;
  };
  const newer = new Set(opts.startedAt ? stored.filter((k) => k.lastSeenAt >= opts.startedAt!).map((k) => k.accessKeyId) : []);
  const known = new Set(stored.map((k) => k.accessKeyId));
  let added = 0;
  for (const k of u.keys) {
    if (newer.has(k.accessKeyId)) continue;
    if (!known.has(k.accessKeyId)) added++;
    const keyFacts = {
      status: k.status,
      // The inactive period runs from the first time keyrotate saw the key Inactive, whoever switched it off.
      inactiveSince: inactiveSinceOf(k.accessKeyId, k.status),
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

/** A whole account as one sync saw it. */
export async function saveInventory(accountId: string, users: IamUserWithKeys[], seenAt: Date): Promise<SyncCounts> {
  const prisma = db();
  await prisma.account.upsert({ where: { id: accountId }, create: { id: accountId }, update: {} });
  const saved = await saveUsers(accountId, users, seenAt);
  const counts: SyncCounts = { usersSeen: users.length, keysSeen: users.reduce((n, u) => n + u.keys.length, 0), ...saved };
  // Users this save did not list are gone from IAM, and their keys with them; everything else was seen now.
  const listed = new Set(users.map((u) => u.userName));
  const vanished = (await prisma.iamUser.findMany({ where: { accountId, deletedAt: null }, select: { id: true, userName: true } })).filter((u) => !listed.has(u.userName));
  for (let i = 0; i < vanished.length; i += 500) {
    const ids = vanished.slice(i, i + 500).map((u) => u.id);
    await prisma.iamUser.updateMany({ where: { id: { in: ids } }, data: { deletedAt: seenAt } });
    counts.keysDeleted += (await prisma.accessKey.updateMany({ where: { iamUserId: { in: ids }, deletedAt: null }, data: { deletedAt: seenAt } })).count;
  }
  await prisma.iamUser.updateMany({ where: { accountId, deletedAt: null }, data: { lastSeenAt: seenAt } });
  await prisma.accessKey.updateMany({ where: { accountId, deletedAt: null, lastSeenAt: { lt: seenAt } }, data: { lastSeenAt: seenAt } });
  return counts;
}
