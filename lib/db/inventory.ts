import "server-only";
// Writes what a sync saw in IAM. One account at a time; vanished users and keys are kept with
// `deletedAt` so their history (locations, rotations, audit) still has something to point at.
import { db } from "./client.ts";
import type { IamUserWithKeys } from "../iam/types.ts";

export type SyncCounts = { usersSeen: number; keysSeen: number; keysAdded: number; keysDeleted: number };

export async function saveInventory(accountId: string, users: IamUserWithKeys[], seenAt: Date): Promise<SyncCounts> {
  const prisma = db();
  await prisma.account.upsert({ where: { id: accountId }, create: { id: accountId }, update: {} });
  const before = new Set(
    (await prisma.accessKey.findMany({ where: { accountId, deletedAt: null }, select: { accessKeyId: true } })).map(
      (k) => k.accessKeyId,
    ),
  );
  let keysSeen = 0;
  let keysAdded = 0;
  for (const u of users) {
    const seen = { lastSeenAt: seenAt, deletedAt: null };
    const facts = { userId: u.userId, arn: u.arn, path: u.path, createDate: u.createDate };
    const user = await prisma.iamUser.upsert({
      where: { accountId_userName: { accountId, userName: u.userName } },
      create: { accountId, userName: u.userName, ...facts, firstSeenAt: seenAt, lastSeenAt: seenAt },
      update: { ...facts, ...seen },
    });
    for (const k of u.keys) {
      keysSeen++;
      if (!before.has(k.accessKeyId)) keysAdded++;
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
  }
  const seenKeys = users.flatMap((u) => u.keys.map((k) => k.accessKeyId));
  const gone = await prisma.accessKey.updateMany({
    where: { accountId, deletedAt: null, accessKeyId: { notIn: seenKeys } },
    data: { deletedAt: seenAt },
  });
  await prisma.iamUser.updateMany({
    where: { accountId, deletedAt: null, userName: { notIn: users.map((u) => u.userName) } },
    data: { deletedAt: seenAt },
  });
  return { usersSeen: users.length, keysSeen, keysAdded, keysDeleted: gone.count };
}
