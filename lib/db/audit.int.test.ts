import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { db } from "./client.ts";
import { appendAudit, auditPages, listAudit, listAuditPeople } from "./audit.ts";

setupFreshDatabase();

describe("the audit trail", () => {
  it("is append-only: the database itself refuses to change or remove a record", async () => {
    await appendAudit({ actor: "alice", action: "key.deactivate", accessKeyId: "AKIAAUDIT00000000001", result: "ok", input: { why: "test" } });
    const [entry] = await listAudit();
    await expect(db().auditEvent.update({ where: { id: entry.id }, data: { actor: "mallory" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await listAudit()).toEqual([entry]);
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
