// The role a person gets from the groups their OpenID provider reports. Pure; configured by
// KEYROTATE_ROLE_GROUPS_* (defaults follow the runbook: admin, internal-admin → admin;
// platformhealth-poweruser, poweruser → rotator; anyone else signed in → viewer).
import type { Role } from "./roles.ts";

export type GroupRoles = { admin: string[]; rotator: string[]; /** empty: any signed-in person may view */ viewer: string[] };

/** The highest role any of the groups grants, or null when viewing is limited to groups the person is not in. */
export function roleFromGroups(groups: readonly string[], mapping: GroupRoles): Role | null {
  const has = (names: string[]) => names.some((n) => groups.includes(n));
  if (has(mapping.admin)) return "admin";
  if (has(mapping.rotator)) return "rotator";
  if (mapping.viewer.length === 0 || has(mapping.viewer)) return "viewer";
  return null;
}

/** The groups claim as a list: providers send an array, a single string, or a space- or comma-separated string. */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
