import { disconnectDb } from "../db/client.ts";
import { debugEnabled } from "../env.ts";
import { userMessageOf, KeyrotateError } from "../errors.ts";

/** Prints what went wrong in one line a person can act on, and exits non-zero. */
export async function fail(error: unknown): Promise<never> {
  const known = error instanceof KeyrotateError;
  const message = known ? userMessageOf(error) : error instanceof Error ? error.message : String(error);
  console.error(`keyrotate: ${message}`);
  if (!known && debugEnabled()) console.error(error);
  await disconnectDb().catch(() => {});
  process.exit(1);
}

/** Runs a command body, turning database connection failures into a clear message. */
export async function withDb<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const e = error as { code?: string; name?: string; message?: string };
    if (e?.name?.startsWith("PrismaClient") || ["ECONNREFUSED", "ENOTFOUND", "SQLITE_CANTOPEN", "P1001"].includes(e?.code ?? "")) {
      throw new KeyrotateError(
        "database-unreachable",
        `Cannot use the database (${e.code ?? e.name}): check DATABASE_URL and run \`keyrotate migrate\`. ${firstLine(e.message)}`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await disconnectDb().catch(() => {});
  }
}

function firstLine(text?: string): string {
  return (text ?? "").trim().split("\n").filter(Boolean).pop()?.slice(0, 200) ?? "";
}
