import "server-only";
// The Prisma client, one per process. SQLite or PostgreSQL is chosen by DATABASE_URL; both clients
// are generated from the same models (prisma/models.prisma), so one type serves both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient, type Prisma } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { env } from "../env.ts";
import { databaseProvider, sqliteFilePath } from "./url.ts";

export type Db = SqliteClient;
/** The client inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { keyrotateDb?: Db };

function createClient(url: string): Db {
  if (databaseProvider(url) === "postgresql") {
    // Same models, same generated API; only the provider differs.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url) }) });
  return client;
}

export function db(): Db {
  // Cached on globalThis so Next.js dev reloads don't open a connection per edit.
  globalForDb.keyrotateDb ??= createClient(env().DATABASE_URL);
  return globalForDb.keyrotateDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.keyrotateDb?.$disconnect();
  globalForDb.keyrotateDb = undefined;
}
