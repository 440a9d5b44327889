// Prisma CLI configuration for PostgreSQL, through the JS schema engine (nothing downloaded).
// The CLI-only adapter works around @prisma/adapter-pg 6.19.3 bugs: see cli-pg-adapter.ts.
import { defineConfig } from "prisma/config";
import { cliPostgresAdapter } from "./cli-pg-adapter.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "postgresql/schema.prisma",
  migrations: { path: "postgresql/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must be a postgresql:// url");
    return cliPostgresAdapter(url);
  },
});
