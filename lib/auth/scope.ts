// Which IAM users keyrotate may change. Pure: the configuration and the user's facts come in, a verdict
// with a reason a person can read goes out. Out-of-scope users stay visible, read-only.

import type { Tag } from "../iam/types.ts";

export type ScopeConfig = {
  /** Managed users' IAM paths start with one of these (e.g. "/apps/"); empty: any path. */
  pathPrefixes: string[];
  /** Managed users' names match this; null: any name. */
  namePattern: RegExp | null;
  /** Managed users carry this tag (with this value, when given); null: no tag needed. */
  tag: { key: string; value?: string } | null;
  /** Never changed, whatever the rules above say (break-glass and admin users). `*` matches any run of characters. */
  protectedUsers: string[];
  /** keyrotate's own IAM user, when its credentials are a user's: always protected. */
  self: { accountId: string; userName: string } | null;
};

export type ScopeSubject = { accountId: string; userName: string; path: string; tags: Tag[] | null };

export type ScopeVerdict = { managed: true } | { managed: false; reason: string };

const glob = (pattern: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

export function scopeOf(user: ScopeSubject, config: ScopeConfig): ScopeVerdict {
  if (config.self && config.self.accountId === user.accountId && config.self.userName === user.userName) {
    return { managed: false, reason: "This is keyrotate's own IAM user: keyrotate never changes its own keys." };
  }
  const protectedBy = config.protectedUsers.find((p) => glob(p).test(user.userName));
  if (protectedBy) return { managed: false, reason: `Protected user (KEYROTATE_PROTECTED_USERS: ${protectedBy}): keyrotate never changes it.` };
  if (config.pathPrefixes.length > 0 && !config.pathPrefixes.some((p) => user.path.startsWith(p))) {
    return { managed: false, reason: `Outside the managed IAM paths (${config.pathPrefixes.join(", ")}); its path is ${user.path}.` };
  }
  if (config.namePattern && !config.namePattern.test(user.userName)) {
    return { managed: false, reason: `Its name does not match the managed users' pattern (${config.namePattern.source}).` };
  }
  if (config.tag) {
    const wanted = config.tag.value === undefined ? config.tag.key : `${config.tag.key}=${config.tag.value}`;
    if (user.tags === null) return { managed: false, reason: `Managed users carry the tag ${wanted}; this user's tags have not been read yet (sync).` };
    const has = user.tags.some((t) => t.key === config.tag!.key && (config.tag!.value === undefined || t.value === config.tag!.value));
    if (!has) return { managed: false, reason: `Managed users carry the tag ${wanted}; this user does not.` };
  }
  return { managed: true };
}

/** keyrotate's own user from its caller ARN (arn:aws:iam::ACCOUNT:user/PATH/NAME); null for a role. */
export function selfUserOf(arn: string): { accountId: string; userName: string } | null {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { accountId: m[1], userName: m[2] } : null;
}
