import "server-only";
// Writes what IAM says. Vanished users and keys are kept with `deletedAt` so their history
// (locations, rotations, audit) still has something to point at.
import { db } from "./client.ts";
import type { IamUserWithKeys } from "../iam/types.ts";

export type SyncCounts = { usersSeen: number; keysSeen: number; keysAdded: number; keysDeleted: number };

/** Upserts one user and its keys; keys IAM no longer lists for the user are marked deleted. */
export async function saveUserKeys(
  accountId: string,
  u: IamUserWithKeys,
  seenAt: Date,
): Promise<{ iamUserId: string; added: number; deleted: number }> {
  const prisma = db();
  const seen = { lastSeenAt: seenAt, deletedAt: null };
  const facts = { userId: u.userId, arn: u.arn, path: u.path, createDate: u.createDate };
  const user = await prisma.iamUser.upsert({
    where: { accountId_userName: { accountId, userName: u.userName } },
    create: { accountId, userName: u.userName, ...facts, firstSeenAt: seenAt, lastSeenAt: seenAt },
    update: { ...facts, ...seen },
  });
  const known = new Set(
    (await prisma.accessKey.findMany({ where: { iamUserId: user.id, deletedAt: null }, select: { accessKeyId: true } })).map(
      (k) => k.accessKeyId,
    ),
  );
  let added = 0;
  for (const k of u.keys) {
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
    where: { iamUserId: user.id, deletedAt: null, accessKeyId: { notIn: u.keys.map((k) => k.accessKeyId) } },
    data: { deletedAt: seenAt },
  });
  return { iamUserId: user.id, added, deleted: gone.count };
}

/** A whole account as one sync saw it. */
export async function saveInventory(accountId: string, users: IamUserWithKeys[], seenAt: Date): Promise<SyncCounts> {
  const prisma = db();
  await prisma.account.upsert({ where: { id: accountId }, create: { id: accountId }, update: {} });
  const counts: SyncCounts = { usersSeen: users.length, keysSeen: 0, keysAdded: 0, keysDeleted: 0 };
  for (const u of users) {
    const saved = await saveUserKeys(accountId, u, seenAt);
    counts.keysSeen += u.keys.length;
    counts.keysAdded += saved.added;
    counts.keysDeleted += saved.deleted;
  }
  // Users gone from IAM take their remaining keys with them.
  const goneUsers = { accountId, deletedAt: null, userName: { notIn: users.map((u) => u.userName) } };
  const goneKeys = await prisma.accessKey.updateMany({
    where: { accountId, deletedAt: null, user: goneUsers },
    data: { deletedAt: seenAt },
  });
  counts.keysDeleted += goneKeys.count;
  await prisma.iamUser.updateMany({ where: goneUsers, data: { deletedAt: seenAt } });
  return counts;
}
