// The key page's location actions through their wrapper: what a form submission does to the registry
// and the audit trail, on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/lib/db/audit.ts";
import { listLocations } from "@/lib/db/locations.ts";
import { fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { addLocation, confirmLocation, editLocation, removeLocation } from "./actions.ts";

// Outside a Next.js request there is no page cache to refresh, and no session cookie: a rotator acts.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Rita Rotator", subject: "demo:rita", role: "rotator" }) }));

setupFreshDatabase();

const SUPPORT = "AKIASUPPORT000000001";
const OTHER = "AKIAOTHERKEY00000001";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const hiera = { kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "Production", identifier: "govuk::apps::support::aws_access_key_id", notes: "" };

beforeAll(async () => {
  await seedInventory([fakeUser("govuk-support", [{ id: SUPPORT }]), fakeUser("other-app", [{ id: OTHER }])]);
});

describe("location actions", () => {
  it("saves nothing and names each bad field", async () => {
    const state = await addLocation(undefined, form({ accessKeyId: SUPPORT, kind: "spreadsheet", system: " ", environment: "production", identifier: "x" }));
    expect(state.ok).toBe(false);
    expect(state.errors).toMatchObject({ kind: [expect.stringMatching(/^Kind must be one of/)], system: ["System is required"] });
    expect(await listLocations()).toEqual([]);
    expect(await listAudit({ action: "location." })).toEqual([]);
  });

  it("adds, edits, confirms and removes, auditing each against the key's owner", async () => {
    const added = await addLocation(undefined, form({ accessKeyId: SUPPORT.toLowerCase(), ...hiera }));
    expect(added).toMatchObject({ ok: true, message: "Added govuk::apps::support::aws_access_key_id (govuk-secrets/puppet, production)." });
    const [location] = await listLocations({ accessKeyId: SUPPORT });
    expect(location).toMatchObject({ environment: "production", notes: null, createdBy: "Rita Rotator" });

    const edited = await editLocation(undefined, form({ accessKeyId: SUPPORT, id: location.id, ...hiera, notes: "line one\r\nline two" }));
    expect(edited.ok).toBe(true);
    expect((await listLocations({ accessKeyId: SUPPORT }))[0].notes).toBe("line one\nline two");

    expect((await confirmLocation(undefined, form({ accessKeyId: SUPPORT, id: location.id }))).ok).toBe(true);
    expect((await listLocations({ accessKeyId: SUPPORT }))[0].confirmedBy).toBe("Rita Rotator");

    const removed = await removeLocation(undefined, form({ accessKeyId: SUPPORT, id: location.id }));
    expect(removed).toMatchObject({ ok: true, message: "Removed govuk::apps::support::aws_access_key_id (govuk-secrets/puppet, production)." });
    expect(await listLocations()).toEqual([]);

    const audit = await listAudit({ action: "location." });
    expect(audit.map((a) => a.action).sort()).toEqual(["location.add", "location.confirm", "location.edit", "location.remove"]);
    expect(audit.every((a) => a.accountId === "123456789012" && a.userName === "govuk-support" && a.accessKeyId === SUPPORT)).toBe(true);
  });

  it("refuses to change a location through another key's page", async () => {
    await addLocation(undefined, form({ accessKeyId: OTHER, ...hiera }));
    const [theirs] = await listLocations({ accessKeyId: OTHER });
    const state = await removeLocation(undefined, form({ accessKeyId: SUPPORT, id: theirs.id }));
    expect(state).toMatchObject({ ok: false, message: `That location now belongs to key ${OTHER}: reload the page.` });
    expect(await listLocations({ accessKeyId: OTHER })).toHaveLength(1);
  });

  it("refuses a duplicate with the domain's message", async () => {
    const twice = form({ accessKeyId: OTHER, ...hiera, identifier: "recorded twice" });
    expect((await addLocation(undefined, twice)).ok).toBe(true);
    const state = await addLocation(undefined, twice);
    expect(state).toMatchObject({ ok: false, message: expect.stringMatching(/already recorded/) });
  });
});
