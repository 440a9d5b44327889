// Test databases: a migrated template per run, cloned per test file (a file copy on SQLite,
// CREATE DATABASE ... TEMPLATE on PostgreSQL), so files never share state and cloning is fast.
// On PostgreSQL the admin url's user migrates and owns the tables, as in production, and the tests run
// the application as a separate role with the README's grants (lib/testing/postgres-roles.ts). The
// grants are objects of the template database, so every clone inherits them.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { asUser, currentUser, ensureLoginRole, grantsAfterMigrations, grantsBeforeMigrations, runStatements, TEST_APP_ROLE } from "./postgres-roles.ts";

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

/** A test database: `url` as its owner (who migrated it), `appUrl` as the application (the same on SQLite). */
export interface TestDatabase {
  url: string;
  appUrl: string;
  drop(): Promise<void>;
}

/**
 * @param pgAdminUrl KEYROTATE_TEST_POSTGRES_URL: a user who may create databases and roles.
 * @param appPassword KEYROTATE_TEST_POSTGRES_APP_PASSWORD: for clusters that do not trust loopback.
 */
export async function createTemplate(provider: TestProvider, pgAdminUrl?: string, appPassword?: string): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = join(root, ".tmp", uniqueName("test"));
    mkdirSync(dir, { recursive: true });
    const url = `file:${join(dir, "template.db")}`;
    migrate(url);
    return { url, appUrl: url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!pgAdminUrl) throw new Error("KEYROTATE_TEST_POSTGRES_URL is not set");
  const name = uniqueName("keyrotate_tpl");
  await adminQuery(pgAdminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(pgAdminUrl, name);
  const drop = () => adminQuery(pgAdminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const roles = { owner: "", app: TEST_APP_ROLE };
  try {
    // The README's order: role and default privileges first, so the migrations' tables are granted as
    // they are created; then the exceptions.
    roles.owner = await currentUser(url);
    await ensureLoginRole(pgAdminUrl, roles.app, appPassword);
    await runStatements(url, grantsBeforeMigrations(roles));
    migrate(url);
    await runStatements(url, grantsAfterMigrations(roles));
  } catch (error) {
    await drop(); // a half-made template would only be left behind
    throw error;
  }
  return { url, appUrl: asUser(url, roles.app, appPassword), drop };
}

export async function cloneTemplate(template: Pick<TestDatabase, "url" | "appUrl">): Promise<TestDatabase> {
  if (template.url.startsWith("file:")) {
    const file = `${template.url.slice("file:".length, -".db".length)}-${randomBytes(4).toString("hex")}.db`;
    copyFileSync(template.url.slice("file:".length), file);
    return { url: `file:${file}`, appUrl: `file:${file}`, drop: async () => rmSync(file, { force: true }) };
  }
  const templateName = new URL(template.url).pathname.slice(1);
  const name = uniqueName("keyrotate_test");
  const admin = withDatabase(template.url, "postgres");
  await adminQuery(admin, `CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
  return {
    url: withDatabase(template.url, name),
    appUrl: withDatabase(template.appUrl, name),
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
