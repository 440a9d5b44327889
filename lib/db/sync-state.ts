import "server-only";
// What a sync compares IAM with: one account's users and live keys as stored, read in two queries; and
// the writes a sync makes, only for what changed.
import { db, type Tx } from "./client.ts";
import { parseTags } from "./keys.ts";
import type { KeyLastUsed, KeyStatus, Tag } from "../iam/types.ts";

export type StoredKeyFacts = {
  accessKeyId: string;
  status: KeyStatus;
  createDate: Date;
  lastUsedDate: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
};

export type StoredUserFacts = { id: string; userName: string; userId: string; path: string; tags: Tag[] | null; keys: StoredKeyFacts[] };

/** The account's live users by name, each with its live keys. */
export async function loadAccountState(accountId: string): Promise<Map<string, StoredUserFacts>> {
  const [users, keys] = await Promise.all([
    db().iamUser.findMany({ where: { accountId, deletedAt: null }, select: { id: true, userName: true, userId: true, path: true, tags: true } }),
    db().accessKey.findMany({
      where: { accountId, deletedAt: null },
      select: { accessKeyId: true, iamUserId: true, status: true, createDate: true, lastUsedDate: true, lastUsedService: true, lastUsedRegion: true },
    }),
  ]);
  const byId = new Map(users.map((u) => [u.id, { ...u, tags: parseTags(u.tags), keys: [] as StoredKeyFacts[] }]));
  for (const k of keys) byId.get(k.iamUserId)?.keys.push({ ...k, status: k.status === "Inactive" ? "Inactive" : "Active" });
  return new Map([...byId.values()].map((u) => [u.userName, u]));
}

/** A key's last use, when only that changed. */
export async function saveLastUsed(accessKeyId: string, used: KeyLastUsed, prisma: Tx = db()): Promise<void> {
  await prisma.accessKey.update({
    where: { accessKeyId },
    data: { lastUsedDate: used.lastUsedDate, lastUsedService: used.service, lastUsedRegion: used.region },
  });
}

const CHUNK = 500; // well under SQLite's 999 bound parameters

/** Users IAM no longer lists, and their keys, marked deleted (history stays). */
export async function markUsersGone(accountId: string, userIds: string[], at: Date): Promise<number> {
  let keys = 0;
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const ids = userIds.slice(i, i + CHUNK);
    await db().iamUser.updateMany({ where: { accountId, id: { in: ids } }, data: { deletedAt: at } });
    keys += (await db().accessKey.updateMany({ where: { iamUserId: { in: ids }, deletedAt: null }, data: { deletedAt: at } })).count;
  }
  return keys;
}

/** Everything of the account still live was seen by this sync. */
export async function markAccountSeen(accountId: string, at: Date): Promise<void> {
  await db().iamUser.updateMany({ where: { accountId, deletedAt: null }, data: { lastSeenAt: at } });
  await db().accessKey.updateMany({ where: { accountId, deletedAt: null, lastSeenAt: { lt: at } }, data: { lastSeenAt: at } });
}
