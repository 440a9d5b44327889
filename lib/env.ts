// The only reader of process.env (child processes get it handed on whole). Validated once with zod; a bad
// value fails loudly at start-up with the variable's name, instead of surfacing later as a confusing AWS
// or database error.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseProvider } from "./db/url.ts";

const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback);

const envSchema = z.object({
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
  KEYROTATE_ACCOUNT_NAME: z.string().optional(),
  KEYROTATE_OPERATOR: z.string().trim().min(1).default("local-operator"),
  KEYROTATE_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  KEYROTATE_MAX_KEY_AGE_DAYS: days(90),
  KEYROTATE_DUE_SOON_DAYS: days(14),
  KEYROTATE_NEVER_USED_GRACE_DAYS: days(7),
  KEYROTATE_STALE_DAYS: days(90),
  KEYROTATE_QUIET_WINDOW_SECONDS: seconds(24 * 3600),
  KEYROTATE_INACTIVE_PERIOD_SECONDS: seconds(7 * 24 * 3600),
  KEYROTATE_POLL_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  KEYROTATE_WEBHOOK_URL: z.url().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
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
