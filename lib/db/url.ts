// Which database a DATABASE_URL names. Shared by the app, the CLI and the Prisma CLI configs, so it
// reads no environment itself: callers pass the url (lib/env.ts validates it for the app).
import { resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/keyrotate.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string = DEFAULT_DATABASE_URL): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** The SQLite file a `file:` url names, resolved against the working directory. */
export function sqliteFilePath(url: string = DEFAULT_DATABASE_URL): string {
  if (databaseProvider(url) !== "sqlite") throw new Error("not a SQLite url");
  return resolve(url.slice("file:".length).split("?")[0]);
}
