import "server-only";
import { db } from "./client.ts";
import { parseTags } from "./keys.ts";
import type { ScopeSubject } from "../auth/scope.ts";

/** An IAM user as last stored: what the scope check needs. */
export async function findStoredUser(iamUserId: string): Promise<ScopeSubject | null> {
  const u = await db().iamUser.findUnique({ where: { id: iamUserId }, select: { accountId: true, userName: true, path: true, tags: true } });
  return u ? { accountId: u.accountId, userName: u.userName, path: u.path, tags: parseTags(u.tags) } : null;
}
