import "server-only";
// Owners set on the dashboard, per IAM user (account and user name). Tag-derived owners are not stored:
// they are read from the user's tags, which the sync keeps current (lib/owners/resolve.ts combines both).
import { db } from "./client.ts";
import type { OwnerRecord } from "../owners/resolve.ts";

export type StoredOwner = OwnerRecord & { accountId: string; userName: string; updatedBy: string; updatedAt: Date };

const ownerKey = (accountId: string, userName: string) => `${accountId}/${userName}`;

export async function findOwner(accountId: string, userName: string): Promise<StoredOwner | null> {
  return db().owner.findUnique({ where: { accountId_userName: { accountId, userName } } });
}

/** Every dashboard owner, by `accountId/userName`: one query for a list of keys. */
export async function ownersByUser(): Promise<{ get: (accountId: string, userName: string) => StoredOwner | null }> {
  const rows = await db().owner.findMany();
  const map = new Map(rows.map((r) => [ownerKey(r.accountId, r.userName), r]));
  return { get: (accountId, userName) => map.get(ownerKey(accountId, userName)) ?? null };
}

export async function saveOwner(accountId: string, userName: string, owner: OwnerRecord, actor: string): Promise<StoredOwner> {
  return db().owner.upsert({
    where: { accountId_userName: { accountId, userName } },
    create: { accountId, userName, ...owner, updatedBy: actor },
    update: { ...owner, updatedBy: actor },
  });
}

/** Removes the dashboard's owner; the tags, if any, name the owner again. Returns whether there was one. */
export async function clearOwner(accountId: string, userName: string): Promise<boolean> {
  const { count } = await db().owner.deleteMany({ where: { accountId, userName } });
  return count > 0;
}
