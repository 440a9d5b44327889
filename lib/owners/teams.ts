import "server-only";
// Every user's owning team at once, for what filters or groups keys by owner: the dashboard's owner filter,
// its "Keys by owner" table and the compliance share per owner. A user's team is resolveOwner's: the
// dashboard's record, else the IAM tag.
import { cache } from "react";
import { ownersByUser } from "../db/owners.ts";
import type { UserCounts, UserIdSet } from "../db/key-page.ts";
import { listUsersWithLiveKeys } from "../db/users.ts";
import { ownerTagKeys } from "./key-owner.ts";
import { resolveOwner } from "./resolve.ts";

export type UserTeam = { iamUserId: string; team: string | null };

/** Once per request: the dashboard's table and its "Keys by owner" (or the Compliance page) share it. */
export const teamsOfUsers = cache(async (): Promise<UserTeam[]> => {
  const [users, owners] = await Promise.all([listUsersWithLiveKeys(), ownersByUser()]);
  const tags = ownerTagKeys();
  return users.map((u) => ({ iamUserId: u.id, team: resolveOwner(owners.get(u.accountId, u.userName), u.tags, tags)?.team ?? null }));
});

/** The teams owning at least one live key, by name. */
export const teamNames = (users: UserTeam[]) => [...new Set(users.flatMap((u) => (u.team ? [u.team] : [])))].sort((a, b) => a.localeCompare(b));

/**
 * The users a view's owner filter keeps (a team's, or with noOwner those with no owning team), as the
 * shorter of the list and its complement: the database gets one bound value per user listed.
 */
export function usersOfOwner(users: UserTeam[], filter: { owner: string | null; noOwner: boolean }): UserIdSet | null {
  if (!filter.noOwner && !filter.owner) return null;
  const keep = (u: UserTeam) => (filter.noOwner ? u.team === null : u.team === filter.owner);
  const kept = users.filter(keep).map((u) => u.iamUserId);
  return kept.length <= users.length / 2 ? { in: kept } : { notIn: users.filter((u) => !keep(u)).map((u) => u.iamUserId) };
}

export type OwnerCounts = UserCounts & { team: string | null };

/** Live keys per owning team (null: no owner), counted as the dashboard counts flags: most keys first, then by name, no owner last. */
export function countsByTeam(users: UserTeam[], perUser: Map<string, UserCounts>): OwnerCounts[] {
  const byTeam = new Map<string | null, OwnerCounts>();
  for (const u of users) {
    const c = perUser.get(u.iamUserId);
    if (!c) continue;
    const sum = byTeam.get(u.team) ?? { team: u.team, total: 0, overdue: 0, dueSoon: 0, neverUsed: 0 };
    byTeam.set(u.team, { team: u.team, total: sum.total + c.total, overdue: sum.overdue + c.overdue, dueSoon: sum.dueSoon + c.dueSoon, neverUsed: sum.neverUsed + c.neverUsed });
  }
  return [...byTeam.values()].sort((a, b) => b.total - a.total || Number(a.team === null) - Number(b.team === null) || (a.team ?? "").localeCompare(b.team ?? ""));
}
