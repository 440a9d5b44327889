// The two PostgreSQL roles keyrotate runs as: a migration owner, which owns every table (and so could
// drop or disable the audit trail's triggers), and an application role, which owns nothing, reads and
// writes every table but may only add to and read "AuditEvent". The README shows these statements
// (postgres-roles.test.ts keeps it in step) and every PostgreSQL integration test runs the app as that role.
import pg from "pg";

export interface PostgresRoles {
  /** The role that runs `keyrotate migrate` and owns the tables. */
  owner: string;
  /** The role in the application's DATABASE_URL. */
  app: string;
}

/** The role the PostgreSQL integration tests run the application as (created once, kept between runs). */
export const TEST_APP_ROLE = "keyrotate_app_test";

// Unquoted identifiers keep the README's SQL readable; anything else would need quoting rules here.
function checked(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported PostgreSQL role name: ${name}`);
  return name;
}

/**
 * In keyrotate's database, before its first migration: the app role may use the schema, and every
 * table and sequence the owner creates from now on (this migration and later ones) is granted to it.
 */
export function grantsBeforeMigrations(roles: PostgresRoles): string[] {
  const [owner, app] = [checked(roles.owner), checked(roles.app)];
  return [
    `GRANT USAGE ON SCHEMA public TO ${app};`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};`,
  ];
}

/**
 * After the first migration: the exceptions to those defaults. The audit trail takes INSERT and
 * SELECT only, and Prisma's migration history is none of the application's business.
 */
export function grantsAfterMigrations(roles: Pick<PostgresRoles, "app">): string[] {
  const app = checked(roles.app);
  return [
    `REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${app};`,
    `REVOKE ALL ON "_prisma_migrations" FROM ${app};`,
  ];
}

export async function runStatements(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The user a connection string logs in as (what `current_user` is on the server). */
export async function currentUser(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ current_user: string }>("SELECT current_user")).rows[0].current_user;
  } finally {
    await client.end();
  }
}

/**
 * Creates the test app role on the cluster unless it exists. Several runs may share a cluster (and
 * race here): a role another run just created is as good as ours. With a password (clusters that do
 * not trust loopback), the role gets it on every run so the password in use is the one we know.
 */
export async function ensureLoginRole(adminUrl: string, role: string, password?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const withPassword = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${checked(role)} LOGIN${withPassword}`);
      } catch (error) {
        // 42710 duplicate_object, 23505 unique_violation: created meanwhile by a concurrent run.
        const code = (error as { code?: string }).code;
        if (code !== "42710" && code !== "23505") throw error;
      }
    }
    if (password) await client.query(`ALTER ROLE ${checked(role)} LOGIN${withPassword}`);
  } finally {
    await client.end();
  }
}

/** The same database, logged in as another user. */
export function asUser(url: string, user: string, password?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password ? encodeURIComponent(password) : "";
  return u.toString();
}
