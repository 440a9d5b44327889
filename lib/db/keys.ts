import "server-only";
import { db } from "./client.ts";
import type { KeyStatus, Tag } from "../iam/types.ts";

/** Tags as stored (JSON), or null when never read. */
export function parseTags(json: string | null): Tag[] | null {
  return json === null ? null : (JSON.parse(json) as Tag[]);
}

export type StoredKey = {
  accountId: string;
  /** keyrotate's id of the key's IAM user (IamUser.id), for locations and rotations. */
  iamUserId: string;
  /** The user's IAM path and tags (null: never read), which decide whether keyrotate may change it. */
  userPath: string;
  userTags: Tag[] | null;
  accountName: string | null;
  userName: string;
  accessKeyId: string;
  status: KeyStatus;
  /** When keyrotate first saw it Inactive; null while Active, or when unknown. */
  inactiveSince: Date | null;
  createDate: Date;
  lastUsedDate: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
  userKeyCount: number;
  locationCount: number;
};

const keySelect = {
  accessKeyId: true,
  accountId: true,
  iamUserId: true,
  status: true,
  inactiveSince: true,
  createDate: true,
  lastUsedDate: true,
  lastUsedService: true,
  lastUsedRegion: true,
  account: { select: { name: true } },
  user: { select: { userName: true, path: true, tags: true, _count: { select: { keys: { where: { deletedAt: null } } } } } },
  _count: { select: { locations: true } },
} as const;

type KeyRecord = {
  accessKeyId: string;
  accountId: string;
  iamUserId: string;
  status: string;
  inactiveSince: Date | null;
  createDate: Date;
  lastUsedDate: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
  account: { name: string | null };
  user: { userName: string; path: string; tags: string | null; _count: { keys: number } };
  _count: { locations: number };
};

function toStoredKey(k: KeyRecord): StoredKey {
  return {
    accountId: k.accountId,
    iamUserId: k.iamUserId,
    userPath: k.user.path,
    userTags: parseTags(k.user.tags),
    accountName: k.account.name,
    userName: k.user.userName,
    accessKeyId: k.accessKeyId,
    status: k.status === "Inactive" ? "Inactive" : "Active",
    inactiveSince: k.inactiveSince,
    createDate: k.createDate,
    lastUsedDate: k.lastUsedDate,
    lastUsedService: k.lastUsedService,
    lastUsedRegion: k.lastUsedRegion,
    userKeyCount: k.user._count.keys,
    locationCount: k._count.locations,
  };
}

/** Every key IAM still has, as of the last sync. */
export async function listKeys(): Promise<StoredKey[]> {
  const keys = await db().accessKey.findMany({
    where: { deletedAt: null },
    select: keySelect,
    orderBy: { createDate: "asc" },
  });
  return keys.map(toStoredKey);
}

/** These keys, in the order given (a page the database chose); ids of keys gone since are skipped. */
export async function listKeysByIds(ids: string[]): Promise<StoredKey[]> {
  if (ids.length === 0) return [];
  const keys = await db().accessKey.findMany({ where: { accessKeyId: { in: ids }, deletedAt: null }, select: keySelect });
  const byId = new Map(keys.map((k) => [k.accessKeyId, toStoredKey(k)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findKey(accessKeyId: string): Promise<StoredKey | null> {
  const k = await db().accessKey.findFirst({ where: { accessKeyId, deletedAt: null }, select: keySelect });
  return k ? toStoredKey(k) : null;
}

export async function listKeysOfUser(accountId: string, userName: string): Promise<StoredKey[]> {
  const keys = await db().accessKey.findMany({
    where: { accountId, deletedAt: null, user: { userName } },
    select: keySelect,
    orderBy: { createDate: "asc" },
  });
  return keys.map(toStoredKey);
}

export type KeyOwnerRecord = Pick<StoredKey, "accountId" | "iamUserId" | "userName" | "accessKeyId" | "userPath" | "userTags">;

/** Who owns each live key: one light query, for CSV imports and search over every key. */
export async function listKeyOwners(): Promise<KeyOwnerRecord[]> {
  const keys = await db().accessKey.findMany({
    where: { deletedAt: null },
    select: { accountId: true, iamUserId: true, accessKeyId: true, user: { select: { userName: true, path: true, tags: true } } },
  });
  return keys.map((k) => ({
    accountId: k.accountId,
    iamUserId: k.iamUserId,
    accessKeyId: k.accessKeyId,
    userName: k.user.userName,
    userPath: k.user.path,
    userTags: parseTags(k.user.tags),
  }));
}
