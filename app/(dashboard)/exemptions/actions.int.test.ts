// Granting and ending an exemption from the key page: what the form does to the key's flags, its reminders
// and the audit trail.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/lib/db/audit.ts";
import { listExemptionsOfUser } from "@/lib/db/exemptions.ts";
import { loadKeyRows } from "@/lib/inventory/dashboard.ts";
import { ACCOUNT, fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { endExemptionAction, exemptKeyAction } from "./actions.ts";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Ada Admin", subject: "demo:ada", role: "admin" }) }));

setupFreshDatabase();

const OLD = "AKIAEXEMPTOLDKEY0001";
const NEW = "AKIAEXEMPTNEWKEY0002";
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const rowOf = async (id: string) => (await loadKeyRows()).rows.find((r) => r.accessKeyId === id)!;

beforeAll(async () => {
  await seedInventory([fakeUser("vendor-sync", [{ id: OLD, ageDays: 200, usedDaysAgo: 1 }, { id: NEW, ageDays: 3, usedDaysAgo: 1 }])]);
});

describe("exemption.grant and exemption.end", () => {
  it("refuses a date in the past, too far ahead, or a missing reason, and records nothing", async () => {
    for (const [input, field] of [
      [{ expiresOn: inDays(-1), reason: "vendor rotates it" }, "expiresOn"],
      [{ expiresOn: inDays(400), reason: "vendor rotates it" }, "expiresOn"],
      [{ expiresOn: "2027-02-30", reason: "vendor rotates it" }, "expiresOn"],
      [{ expiresOn: inDays(30), reason: " " }, "reason"],
    ] as const) {
      const state = await exemptKeyAction(undefined, { accessKeyId: OLD, flag: "overdue", scope: "key", ...input });
      expect(state.ok, JSON.stringify(input)).toBe(false);
      expect(Object.keys(state.errors ?? {})).toEqual([field]);
    }
    expect(await listExemptionsOfUser(ACCOUNT, "vendor-sync")).toEqual([]);
  });

  it("holds back the flag it names on that key only, shows the exemption, and audits it", async () => {
    expect((await rowOf(OLD)).flags).toEqual(["overdue", "two-keys", "no-locations"]);
    const state = await exemptKeyAction(undefined, { accessKeyId: OLD, flag: "overdue", scope: "key", reason: "the vendor rotates it on their schedule", expiresOn: inDays(30) });
    expect(state).toMatchObject({ ok: true, message: `Exempted ${OLD} from "Overdue" until ${inDays(30)}.` });
    const row = await rowOf(OLD);
    expect(row.flags).toEqual(["two-keys", "no-locations"]);
    expect(row.exemptions).toEqual([{ flag: "overdue", scope: "key", reason: "the vendor rotates it on their schedule", expiresAt: `${inDays(30)}T00:00:00.000Z`, createdBy: "Ada Admin" }]);
    expect((await rowOf(NEW)).exemptions).toEqual([]);
    const [audit] = await listAudit({ action: "exemption.grant" });
    expect(audit).toMatchObject({ actor: "Ada Admin", accountId: ACCOUNT, userName: "vendor-sync", accessKeyId: OLD, result: "ok" });
    expect(JSON.parse(audit.input!)).toMatchObject({ flag: "overdue", scope: "key", expiresOn: inDays(30) });
  });

  it("replaces the one in force when granted again, and a user's exemption covers every key of the user", async () => {
    const again = await exemptKeyAction(undefined, { accessKeyId: OLD, flag: "overdue", reason: "extended", expiresOn: inDays(60) });
    expect(again.message).toContain("(replacing the one in force)");
    await exemptKeyAction(undefined, { accessKeyId: OLD, flag: "two-keys", scope: "user", reason: "two apps share the user until March", expiresOn: inDays(90) });
    expect((await rowOf(OLD)).flags).toEqual(["no-locations"]);
    expect((await rowOf(NEW)).flags).toEqual(["no-locations"]);
    expect((await rowOf(NEW)).exemptions.map((e) => [e.flag, e.scope])).toEqual([["two-keys", "user"]]);
  });

  it("ends an exemption: the flag returns at once, and ending it twice is refused", async () => {
    const [current] = (await listExemptionsOfUser(ACCOUNT, "vendor-sync")).filter((e) => e.flag === "overdue" && !e.endedAt);
    const state = await endExemptionAction(undefined, { id: current.id });
    expect(state).toMatchObject({ ok: true, message: `Ended the exemption of ${OLD} from "Overdue": the flag applies again.` });
    expect((await rowOf(OLD)).flags).toEqual(["overdue", "no-locations"]);
    expect(await endExemptionAction(undefined, { id: current.id })).toMatchObject({ ok: false, message: "That exemption has already ended or expired." });
    // Newest first: the refused second click is audited too.
    const audits = await listAudit({ action: "exemption.end" });
    expect(audits.map((a) => [a.actor, a.accessKeyId, a.result])).toEqual([
      ["Ada Admin", OLD, "error"],
      ["Ada Admin", OLD, "ok"],
    ]);
  });
});
