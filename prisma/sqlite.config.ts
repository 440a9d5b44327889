// Prisma CLI configuration for SQLite: migrations run through the JS schema engine over the
// better-sqlite3 driver adapter, so nothing is downloaded.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "../lib/db/url.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "sqlite/schema.prisma",
  migrations: { path: "sqlite/migrations" },
  async adapter() {
    const file = sqliteFilePath(process.env.DATABASE_URL);
    mkdirSync(dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
