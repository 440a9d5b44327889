// Which PostgreSQL server the tests use: KEYROTATE_TEST_POSTGRES_URL as given, else one answering on the
// default local address (KEYROTATE_TEST_POSTGRES_PROBE_URL moves the probe), else none, with the reason.
import pg from "pg";

export const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Null when a PostgreSQL server at `url` lets us in and answers a query within 2 s; else why not. */
async function postgresRefusal(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function choosePostgres(): Promise<{ url?: string; skipped?: string }> {
  // An explicit KEYROTATE_TEST_POSTGRES_URL is used as given (unreachable, its suite fails: it was asked for).
  if (process.env.KEYROTATE_TEST_POSTGRES_URL) return { url: process.env.KEYROTATE_TEST_POSTGRES_URL };
  const probe = process.env.KEYROTATE_TEST_POSTGRES_PROBE_URL || DEFAULT_POSTGRES_URL;
  const refusal = await postgresRefusal(probe);
  return refusal ? { skipped: `nothing usable at ${new URL(probe).host} (${refusal})` } : { url: probe };
}
