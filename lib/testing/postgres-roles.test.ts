// The README's PostgreSQL grants are the ones the integration tests run under: if either changes
// alone, this fails.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { asUser, grantsAfterMigrations, grantsBeforeMigrations } from "./postgres-roles.ts";

const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const sqlBlocks = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
const roles = { owner: "keyrotate_owner", app: "keyrotate_app" };

describe("PostgreSQL roles", () => {
  it("are set up in the README with exactly the statements the tests use, in the same order", () => {
    expect(sqlBlocks.map((b) => b.trim().split("\n"))).toContainEqual(grantsBeforeMigrations(roles));
    expect(sqlBlocks.map((b) => b.trim().split("\n"))).toContainEqual(grantsAfterMigrations(roles));
  });

  it("leave the audit trail INSERT and SELECT only, and refuse a role name that would need quoting", () => {
    expect(grantsAfterMigrations(roles)).toContain(`REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM keyrotate_app;`);
    expect(() => grantsBeforeMigrations({ owner: "keyrotate_owner", app: 'app"; DROP TABLE x; --' })).toThrow(/role name/);
  });

  it("log in to the same database as another user, with or without a password", () => {
    const admin = "postgresql://postgres@127.0.0.1:5432/keyrotate_test_1?sslmode=disable";
    expect(asUser(admin, "keyrotate_app_test")).toBe("postgresql://keyrotate_app_test@127.0.0.1:5432/keyrotate_test_1?sslmode=disable");
    expect(asUser(admin, "keyrotate_app_test", "p@ss:word")).toBe("postgresql://keyrotate_app_test:p%40ss%3Aword@127.0.0.1:5432/keyrotate_test_1?sslmode=disable");
  });
});
