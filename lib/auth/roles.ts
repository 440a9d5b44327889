// Roles and what each may do. One table, so a reader sees the whole policy at once. Reading is a
// permission too: nobody who is not signed in reads anything.
export const ROLES = ["viewer", "rotator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person (or the CLI). `subject` is stable across renames; `requestId` ties log lines together. */
export type Actor = { name: string; role: Role; subject?: string; requestId?: string };

export const PERMISSIONS = {
  "inventory.read": "viewer",
  "locations.read": "viewer",
  "audit.read": "viewer",
  "inventory.sync": "rotator",
  "location.write": "rotator",
  "location.import": "rotator",
  "owners.write": "rotator",
  "key.deactivate": "rotator",
  "key.reactivate": "rotator",
  "key.delete": "rotator",
  "rotation.advance": "rotator",
  "rotation.override": "admin",
  "accounts.manage": "admin",
  "tokens.manage": "admin",
  "exemptions.manage": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

const RANK: Record<Role, number> = { viewer: 0, rotator: 1, admin: 2 };

export function rankOf(role: Role): number {
  return RANK[role];
}

export function can(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[PERMISSIONS[permission]];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Which key buttons to show a role. Only hides buttons: every action authorizes again on the server. */
export function keyPermissions(role: Role) {
  return {
    rotate: can(role, "rotation.advance"),
    deactivate: can(role, "key.deactivate"),
    reactivate: can(role, "key.reactivate"),
    delete: can(role, "key.delete"),
    override: can(role, "rotation.override"),
  };
}
