// Which IAM users are SES SMTP users, by configuration (KEYROTATE_SMTP_USER_*): their credentials are
// replaced by re-creating the user under a dated name, not by rotating the key in place. The dashboard
// and the key page mark them; the SMTP rotation refuses any other user.
import { env } from "../env.ts";
import { isSmtpUser, type SmtpUserMatch } from "../iam/smtp-user-names.ts";
import type { Tag } from "../iam/types.ts";

let compiled: { source: string | undefined; match: SmtpUserMatch } | undefined;

/** The configured criteria; none set means "the name ends in a real date" (`<base>.YYYYMMDD`). */
export function smtpUserMatchFromEnv(): SmtpUserMatch {
  const e = env();
  const source = [e.KEYROTATE_SMTP_USER_PATTERN, e.KEYROTATE_SMTP_USER_PATH_PREFIX, e.KEYROTATE_SMTP_USER_TAG].join("\u0000");
  // Compiled once per configuration: the dashboard asks for every row.
  if (compiled?.source === source) return compiled.match;
  const [key, ...value] = (e.KEYROTATE_SMTP_USER_TAG ?? "").split("=");
  const match: SmtpUserMatch = {
    ...(e.KEYROTATE_SMTP_USER_PATTERN ? { namePattern: new RegExp(e.KEYROTATE_SMTP_USER_PATTERN) } : {}),
    ...(e.KEYROTATE_SMTP_USER_PATH_PREFIX ? { pathPrefix: e.KEYROTATE_SMTP_USER_PATH_PREFIX } : {}),
    ...(e.KEYROTATE_SMTP_USER_TAG ? { tag: value.length ? { key, value: value.join("=") } : { key } } : {}),
  };
  compiled = { source, match };
  return match;
}

/**
 * Whether the configuration calls this user an SES SMTP user. `tags: null` (not read yet) counts as
 * not carrying the configured tag: a sync reads tags whenever KEYROTATE_SMTP_USER_TAG is set.
 */
export function isSmtpUserFromConfig(user: { userName: string; path: string; tags: Tag[] | null }): boolean {
  return isSmtpUser({ userName: user.userName, path: user.path, tags: user.tags ?? [] }, smtpUserMatchFromEnv());
}
