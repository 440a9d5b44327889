// The only reader of process.env (child processes get it handed on whole). Validated once with zod, and at
// server start (instrumentation.ts): a bad value stops the server with the variable's name, instead of
// surfacing later as a confusing AWS, database or sign-in error.
import { Cron } from "croner";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseProvider } from "./db/url.ts";
import { isSesSmtpRegion, type SesSmtpRegion } from "./iam/ses-smtp-regions.ts";
import { checkWebhookUrl } from "./notify/webhook-url.ts";

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback);
const flag = z.enum(["", "0", "1", "true", "false"]).default("").transform((v) => v === "1" || v === "true");
/** A comma-separated list; blanks dropped. */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const regex = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, "must be a valid regular expression");
const tag = z.string().regex(/^[^=]+(=.*)?$/, "must be KEY or KEY=VALUE");

/** A cron expression croner accepts; unset turns the schedule off. */
const cron = (example: string) =>
  optional(
    z.string().refine((v) => {
      try {
        new Cron(v, { paused: true });
        return true;
      } catch {
        return false;
      }
    }, `must be a cron expression such as ${example}`),
  );

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

const envSchema = z.object({
  NODE_ENV: z.string().default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(
      (url) => {
        try {
          databaseProvider(url);
          return true;
        } catch {
          return false;
        }
      },
      { message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)" },
    ),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  // Read by the SDK itself too; keyrotate only needs to know whether they are set.
  AWS_MAX_ATTEMPTS: optional(z.coerce.number().int().min(1).max(20)),
  AWS_RETRY_MODE: optional(z.enum(["standard", "adaptive", "legacy"])),
  // Sign-in (OpenID Connect) and the address people use.
  KEYROTATE_PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  KEYROTATE_OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  KEYROTATE_OIDC_CLIENT_ID: optional(z.string().trim().min(1)),
  KEYROTATE_OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  KEYROTATE_OIDC_SCOPES: z.string().default("openid profile email groups"),
  KEYROTATE_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  KEYROTATE_ROLE_GROUPS_ADMIN: list("admin,internal-admin"),
  KEYROTATE_ROLE_GROUPS_ROTATOR: list("platformhealth-poweruser,poweruser"),
  /** Empty: anyone the provider signs in may view. Otherwise only these groups (and the two above). */
  KEYROTATE_ROLE_GROUPS_VIEWER: list(""),
  KEYROTATE_DEMO_SIGNIN: flag,
  KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION: flag,
  KEYROTATE_SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(7 * DAY_S).default(8 * HOUR_S),
  KEYROTATE_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(DAY_S).default(HOUR_S),
  // Which IAM users keyrotate may change.
  KEYROTATE_SCOPE_PATH_PREFIXES: list(""),
  KEYROTATE_SCOPE_NAME_PATTERN: optional(regex),
  KEYROTATE_SCOPE_TAG: optional(tag),
  KEYROTATE_PROTECTED_USERS: list(""),
  // Inventory and rules.
  KEYROTATE_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** A cron expression (e.g. "*\/30 * * * *"): the server syncs every account on it. Off when unset. */
  KEYROTATE_SYNC_SCHEDULE: cron("*/30 * * * *"),
  KEYROTATE_MAX_KEY_AGE_DAYS: days(90),
  KEYROTATE_DUE_SOON_DAYS: days(14),
  KEYROTATE_NEVER_USED_GRACE_DAYS: days(7),
  KEYROTATE_STALE_DAYS: days(90),
  KEYROTATE_QUIET_WINDOW_SECONDS: seconds(DAY_S),
  KEYROTATE_INACTIVE_PERIOD_SECONDS: seconds(7 * DAY_S),
  KEYROTATE_ALLOW_SHORT_WINDOWS: flag,
  KEYROTATE_POLL_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  KEYROTATE_WEBHOOK_URL: optional(z.string()),
  /** "Find where it is used" stops reading CloudTrail after this many events (pages of 50, 2 per second). */
  KEYROTATE_CLOUDTRAIL_MAX_EVENTS: z.coerce.number().int().min(1).max(100_000).default(1000),
  // Owners and reminders. The tags name an IAM user's owning team and contact when the dashboard names none.
  KEYROTATE_OWNER_TAG: z.string().trim().min(1).default("owner"),
  KEYROTATE_CONTACT_TAG: z.string().trim().min(1).default("contact"),
  /** Where reminder mail goes out, e.g. smtp://mail.internal:25 or smtps://user:pass@host:465. No mail when unset. */
  KEYROTATE_SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  KEYROTATE_MAIL_FROM: z.string().trim().min(3).default("keyrotate <keyrotate@localhost>"),
  /** A cron expression (e.g. "0 8 * * *"): the server sends due reminders on it. Off when unset. */
  KEYROTATE_REMIND_SCHEDULE: cron("0 8 * * *"),
  KEYROTATE_REMIND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  // SES SMTP users: re-created under a dated name instead of rotated in place. Every criterion set must
  // hold; with none, a user is one when its name ends in a real date (`<base>.YYYYMMDD`).
  KEYROTATE_SMTP_USER_PATTERN: optional(regex),
  KEYROTATE_SMTP_USER_PATH_PREFIX: optional(z.string().startsWith("/", "must be an IAM path prefix starting with /")),
  KEYROTATE_SMTP_USER_TAG: optional(tag),
  KEYROTATE_SES_REGION: optional(z.string().refine(isSesSmtpRegion, "must be a region with an SES SMTP endpoint, e.g. eu-west-1")),
});

type Parsed = z.infer<typeof envSchema>;
/** `KEYROTATE_SES_REGION` resolved: the variable, else AWS_REGION when SES has SMTP there, else eu-west-1. */
export type Env = Omit<Parsed, "KEYROTATE_SES_REGION"> & { KEYROTATE_SES_REGION: SesSmtpRegion };

function resolved(e: Parsed): Env {
  // AWS_REGION as set, not as defaulted: an unset AWS_REGION says nothing about where mail is sent.
  const aws = process.env.AWS_REGION;
  const fallback: SesSmtpRegion = aws && isSesSmtpRegion(aws) ? aws : "eu-west-1";
  return { ...e, KEYROTATE_SES_REGION: (e.KEYROTATE_SES_REGION as SesSmtpRegion | undefined) ?? fallback };
}

/** Rules that tie several variables together; each problem names the variables to change. */
function crossChecks(e: Env): string[] {
  const problems: string[] = [];
  const production = e.NODE_ENV === "production";
  const oidc = [e.KEYROTATE_OIDC_ISSUER, e.KEYROTATE_OIDC_CLIENT_ID, e.KEYROTATE_OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    problems.push("KEYROTATE_OIDC_ISSUER, KEYROTATE_OIDC_CLIENT_ID and KEYROTATE_OIDC_CLIENT_SECRET go together: set all three or none");
  }
  if (oidc.every(Boolean) && !e.KEYROTATE_PUBLIC_URL) {
    problems.push("KEYROTATE_PUBLIC_URL: required with OpenID Connect (the redirect URI is built from it)");
  }
  if (production && e.KEYROTATE_DEMO_SIGNIN && !e.KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION) {
    problems.push(
      "KEYROTATE_DEMO_SIGNIN: demo sign-in lets anyone pick a role; it is refused when NODE_ENV=production unless KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION=1 says you mean it",
    );
  }
  if (production && !e.KEYROTATE_ALLOW_SHORT_WINDOWS) {
    if (e.KEYROTATE_QUIET_WINDOW_SECONDS < HOUR_S) {
      problems.push("KEYROTATE_QUIET_WINDOW_SECONDS: at least 3600 (1 hour) in production, unless KEYROTATE_ALLOW_SHORT_WINDOWS=1");
    }
    if (e.KEYROTATE_INACTIVE_PERIOD_SECONDS < DAY_S) {
      problems.push("KEYROTATE_INACTIVE_PERIOD_SECONDS: at least 86400 (1 day) in production, unless KEYROTATE_ALLOW_SHORT_WINDOWS=1");
    }
  }
  if (e.KEYROTATE_WEBHOOK_URL) {
    // Plain http only to this machine, and only where nobody can be harmed by it (demo, tests, development).
    const problem = checkWebhookUrl(e.KEYROTATE_WEBHOOK_URL, { allowLoopbackHttp: !production || e.KEYROTATE_DEMO_SIGNIN });
    if (problem) problems.push(`KEYROTATE_WEBHOOK_URL: ${problem}`);
  }
  return problems;
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  const problems = parsed.success
    ? crossChecks(resolved(parsed.data))
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (!parsed.success || problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  cached = resolved(parsed.data);
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** KEYROTATE_DEBUG: print a failure's details. Read apart from env() so it works when the configuration is what failed. */
export function debugEnabled(): boolean {
  return Boolean(process.env.KEYROTATE_DEBUG);
}

export function thresholds() {
  const e = env();
  return {
    maxKeyAgeDays: e.KEYROTATE_MAX_KEY_AGE_DAYS,
    dueSoonDays: e.KEYROTATE_DUE_SOON_DAYS,
    neverUsedGraceDays: e.KEYROTATE_NEVER_USED_GRACE_DAYS,
    staleDays: e.KEYROTATE_STALE_DAYS,
  };
}
