import { describe, expect, it } from "vitest";
import { runStatements } from "../testing/postgres-roles.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { db } from "./client.ts";
import { appendAudit, auditPages, listAudit, listAuditPeople } from "./audit.ts";

const database = setupFreshDatabase();
const onPostgres = () => !database.url().startsWith("file:");

/** A statement run as the tables' owner: on PostgreSQL the migration owner, on SQLite the file's writer. */
const asOwner = (sql: string) => (onPostgres() ? runStatements(database.ownerUrl(), [sql]) : db().$executeRawUnsafe(sql));

describe("the audit trail", () => {
  it("lets the application add and read records, and never change or remove one", async () => {
    await appendAudit({ actor: "alice", action: "key.deactivate", accessKeyId: "AKIAAUDIT00000000001", result: "ok", input: { why: "test" } });
    const [entry] = await listAudit();
    expect(entry).toMatchObject({ actor: "alice", action: "key.deactivate", accessKeyId: "AKIAAUDIT00000000001" });
    // On PostgreSQL the application's role holds no UPDATE, DELETE or TRUNCATE on the table (README,
    // "PostgreSQL"); SQLite has no roles, its triggers refuse instead.
    const refused = onPostgres() ? /permission denied for table AuditEvent/ : /AuditEvent is append-only/;
    await expect(db().auditEvent.update({ where: { id: entry.id }, data: { actor: "mallory" } })).rejects.toThrow(refused);
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(refused);
    if (onPostgres()) {
      await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(refused);
      // Nor may it switch the triggers off: only the owner may alter the table.
      await expect(db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
    }
    expect(await listAudit()).toEqual([entry]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE even to the tables' owner (database triggers)", async () => {
    await appendAudit({ actor: "owen", action: "key.delete", accessKeyId: "AKIAAUDIT00000000009", result: "ok" });
    const before = await listAudit();
    expect(before.map((e) => e.actor)).toContain("owen");
    const statements = [`UPDATE "AuditEvent" SET "actor" = 'mallory'`, `DELETE FROM "AuditEvent"`];
    // SQLite has no TRUNCATE (its DELETE without WHERE still fires the row triggers).
    if (onPostgres()) statements.push(`TRUNCATE "AuditEvent"`);
    for (const sql of statements) await expect(asOwner(sql), sql).rejects.toThrow(/AuditEvent is append-only/);
    expect(await listAudit()).toEqual(before);
  });

  it("filters by actor, key, action prefix and time, newest first", async () => {
    await appendAudit({ actor: "bob", action: "rotation.start", accessKeyId: "AKIAAUDIT00000000002", result: "ok" });
    await appendAudit({ actor: "bob", action: "rotation.create-key", accessKeyId: "AKIAAUDIT00000000002", result: "error", message: "third key" });
    expect((await listAudit({ actor: "bob" })).map((e) => e.action)).toEqual(["rotation.create-key", "rotation.start"]);
    expect((await listAudit({ action: "rotation." })).length).toBe(2);
    expect((await listAudit({ accessKeyId: "AKIAAUDIT00000000001" })).map((e) => e.actor)).toEqual(["alice"]);
    expect(await listAudit({ from: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it("pages through every matching record for an export, and lists the people in it", async () => {
    for (let i = 0; i < 7; i++) {
      await appendAudit({ actor: "Pat Poweruser", actorId: "oidc:pat", actorRole: "rotator", action: `page.${i}`, result: "ok" });
    }
    const pages: string[][] = [];
    for await (const page of auditPages({ actorId: "oidc:pat" }, 3)) pages.push(page.map((e) => e.action));
    expect(pages).toEqual([["page.6", "page.5", "page.4"], ["page.3", "page.2", "page.1"], ["page.0"]]);
    expect(await listAuditPeople()).toEqual([{ actorId: "oidc:pat", actor: "Pat Poweruser" }]);
  });
});
