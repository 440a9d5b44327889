import "server-only";
import { db } from "./client.ts";
import { parseTags } from "./keys.ts";
import type { ScopeSubject } from "../auth/scope.ts";

/** An IAM user as last stored: what the scope check needs. */
export async function findStoredUser(iamUserId: string): Promise<ScopeSubject | null> {
  const u = await db().iamUser.findUnique({ where: { id: iamUserId }, select: { accountId: true, userName: true, path: true, tags: true } });
  return u ? { accountId: u.accountId, userName: u.userName, path: u.path, tags: parseTags(u.tags) } : null;
}

/** Records that IAM no longer has this user (keyrotate deleted it): the user and its keys, kept for their history. */
export async function markUserDeleted(iamUserId: string, at: Date): Promise<void> {
  await db().$transaction([
    db().accessKey.updateMany({ where: { iamUserId, deletedAt: null }, data: { deletedAt: at } }),
    db().iamUser.updateMany({ where: { id: iamUserId, deletedAt: null }, data: { deletedAt: at } }),
  ]);
}

export type UserWithTags = { id: string; accountId: string; userName: string; tags: ReturnType<typeof parseTags> };

/** The users holding live keys, with their tags: what resolving every user's owner needs. */
export async function listUsersWithLiveKeys(): Promise<UserWithTags[]> {
  const users = await db().iamUser.findMany({ where: { keys: { some: { deletedAt: null } } }, select: { id: true, accountId: true, userName: true, tags: true } });
  return users.map((u) => ({ ...u, tags: parseTags(u.tags) }));
}
