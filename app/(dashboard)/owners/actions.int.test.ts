// Setting a key's owner from the key page: what the form does to the owner record and the audit trail.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/lib/db/audit.ts";
import { findKey } from "@/lib/db/keys.ts";
import { findOwner } from "@/lib/db/owners.ts";
import { ownerOfKey } from "@/lib/owners/key-owner.ts";
import { ACCOUNT, fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { setOwnerAction } from "./actions.ts";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Rita Rotator", subject: "demo:rita", role: "rotator" }) }));

setupFreshDatabase();

const KEY = "AKIAOWNEDKEY00000001";

beforeAll(async () => {
  await seedInventory([{ ...fakeUser("tagged-app", [{ id: KEY }]), tags: [{ key: "owner", value: "payments" }, { key: "contact", value: "pay@example.org" }] }]);
});

describe("owners.set", () => {
  it("refuses a contact that is not an email address and changes nothing", async () => {
    const state = await setOwnerAction(undefined, { accessKeyId: KEY, team: "search", contact: "not an address" });
    expect(state.ok).toBe(false);
    expect(state.errors?.contact).toEqual(["Enter an email address, or leave it blank."]);
    expect(await findOwner(ACCOUNT, "tagged-app")).toBeNull();
  });

  it("sets an owner that wins over the tags, audited with the account, user and actor", async () => {
    const state = await setOwnerAction(undefined, { accessKeyId: KEY, team: " search ", contact: "search@example.org" });
    expect(state).toMatchObject({ ok: true, message: "Saved the owner of tagged-app: search, search@example.org." });
    expect(await ownerOfKey((await findKey(KEY))!)).toEqual({ team: "search", contact: "search@example.org", source: "dashboard" });
    expect(await findOwner(ACCOUNT, "tagged-app")).toMatchObject({ updatedBy: "Rita Rotator" });
    const [audit] = await listAudit({ action: "owners.set" });
    expect(audit).toMatchObject({ actor: "Rita Rotator", accountId: ACCOUNT, userName: "tagged-app", accessKeyId: KEY, result: "ok" });
  });

  it("clears the dashboard's owner when both fields are blank, and the tags apply again", async () => {
    const state = await setOwnerAction(undefined, { accessKeyId: KEY, team: "", contact: "" });
    expect(state).toMatchObject({ ok: true, message: "Cleared the owner of tagged-app; the IAM tags name payments." });
    expect(await ownerOfKey((await findKey(KEY))!)).toEqual({ team: "payments", contact: "pay@example.org", source: "tag:owner" });
  });

  it("says so for a key keyrotate does not know", async () => {
    const state = await setOwnerAction(undefined, { accessKeyId: "AKIANOSUCHKEY0000001", team: "x", contact: "" });
    expect(state).toMatchObject({ ok: false, message: "No live key AKIANOSUCHKEY0000001. Sync to refresh." });
  });
});
