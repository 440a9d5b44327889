import "server-only";
// The configured scope (KEYROTATE_SCOPE_*, KEYROTATE_PROTECTED_USERS) and keyrotate's own identity,
// and the one check every change to an IAM user's keys or locations makes on the server.
import { env } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { getCallerIdentity } from "../iam/index.ts";
import { scopeOf, selfUserOf, type ScopeConfig, type ScopeSubject } from "./scope.ts";

export function scopeConfigFromEnv(self: ScopeConfig["self"]): ScopeConfig {
  const e = env();
  const [key, ...value] = (e.KEYROTATE_SCOPE_TAG ?? "").split("=");
  return {
    pathPrefixes: e.KEYROTATE_SCOPE_PATH_PREFIXES,
    namePattern: e.KEYROTATE_SCOPE_NAME_PATTERN ? new RegExp(e.KEYROTATE_SCOPE_NAME_PATTERN) : null,
    tag: e.KEYROTATE_SCOPE_TAG ? (value.length ? { key, value: value.join("=") } : { key }) : null,
    protectedUsers: e.KEYROTATE_PROTECTED_USERS,
    self,
  };
}

/**
 * Whether a sync must read each user's tags (ListUsers does not return them): the scope needs them,
 * or telling SES SMTP users apart does (KEYROTATE_SMTP_USER_TAG). Owners read them when allowed.
 */
export function scopeNeedsTags(): boolean {
  return env().KEYROTATE_SCOPE_TAG !== undefined || env().KEYROTATE_SMTP_USER_TAG !== undefined;
}

/**
 * The scope with keyrotate's own identity. For showing pages, an unreachable STS leaves `self` unknown;
 * every change asks with `strict`, which fails instead (the change would need IAM anyway).
 */
export async function currentScope(opts: { strict?: boolean } = {}): Promise<ScopeConfig> {
  try {
    return scopeConfigFromEnv(selfUserOf((await getCallerIdentity()).arn));
  } catch (error) {
    if (opts.strict) throw error;
    return scopeConfigFromEnv(null);
  }
}

/**
 * Refuses, with the reason, to change a user keyrotate does not manage. Changes to IAM also check that the
 * user is not keyrotate's own (asking STS); changes to keyrotate's records only (`iam: false`) need not.
 */
export async function assertManaged(user: ScopeSubject, opts: { iam: boolean } = { iam: true }): Promise<void> {
  const config = opts.iam ? await currentScope({ strict: true }) : scopeConfigFromEnv(null);
  const verdict = scopeOf(user, config);
  if (!verdict.managed) throw new KeyrotateError("forbidden", `keyrotate does not change ${user.userName}. ${verdict.reason}`);
}
