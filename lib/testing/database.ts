// Test databases: a migrated template per run, cloned per test file (a file copy on SQLite,
// CREATE DATABASE ... TEMPLATE on PostgreSQL), so files never share state and cloning is fast.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";

export type TestProvider = "sqlite" | "postgresql";

const root = resolve(import.meta.dirname, "../..");

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Applies the migrations the way `keyrotate migrate` does. */
export function migrate(url: string): void {
  const out = spawnSync(process.execPath, [join(root, "bin/keyrotate.mjs"), "migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`migrate failed for ${url}:\n${out.stdout}${out.stderr}`);
}

export async function createTemplate(provider: TestProvider, pgAdminUrl?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === "sqlite") {
    const dir = join(root, ".tmp", uniqueName("test"));
    mkdirSync(dir, { recursive: true });
    const url = `file:${join(dir, "template.db")}`;
    migrate(url);
    return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgAdminUrl) throw new Error("KEYROTATE_TEST_POSTGRES_URL is not set");
  const name = uniqueName("keyrotate_tpl");
  await adminQuery(pgAdminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(pgAdminUrl, name);
  migrate(url);
  return { url, drop: () => adminQuery(pgAdminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function cloneTemplate(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (templateUrl.startsWith("file:")) {
    const file = `${templateUrl.slice("file:".length, -".db".length)}-${randomBytes(4).toString("hex")}.db`;
    copyFileSync(templateUrl.slice("file:".length), file);
    return { url: `file:${file}`, drop: async () => rmSync(file, { force: true }) };
  }
  const template = new URL(templateUrl).pathname.slice(1);
  const name = uniqueName("keyrotate_test");
  const admin = withDatabase(templateUrl, "postgres");
  await adminQuery(admin, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(templateUrl, name),
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
