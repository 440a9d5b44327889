import { beforeAll, describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { addLocationToKey, exportLocationsCsv, importLocationsCsv } from "./registry.ts";
import { searchRegistry } from "./search.ts";
import { confirmLocation, deleteLocation, listLocations, updateLocation } from "../db/locations.ts";
import { parseLocationsCsv } from "./csv.ts";
import { KeyrotateError } from "../errors.ts";

setupFreshDatabase();

const SUPPORT = "AKIASUPPORT000000001";
const FASTLY = "AKIAFASTLY0000000001";
const TWO_A = "AKIATWOKEYS000000001";
const TWO_B = "AKIATWOKEYS000000002";

beforeAll(async () => {
  await seedInventory([
    fakeUser("govuk-support", [{ id: SUPPORT }]),
    fakeUser("fastly-cdn-logs", [{ id: FASTLY }]),
    fakeUser("two-keyed", [{ id: TWO_A }, { id: TWO_B, ageDays: 2 }]),
  ]);
});

const hiera = (app: string, environment: string) => ({
  kind: "secrets-repo" as const,
  system: "govuk-secrets/puppet",
  environment,
  identifier: `govuk::apps::${app}::aws_access_key_id`,
  notes: null,
});

describe("locations on a key", () => {
  it("records many locations for one key, the same identifier in two environments being two", async () => {
    await addLocationToKey(SUPPORT, hiera("support", "staging"), "alice");
    await addLocationToKey(SUPPORT, hiera("support", "production"), "alice");
    await addLocationToKey(SUPPORT, hiera("support_api", "production"), "bob");
    const rows = await listLocations({ accessKeyId: SUPPORT });
    expect(rows.map((r) => `${r.environment} ${r.identifier} ${r.createdBy}`)).toEqual([
      "production govuk::apps::support::aws_access_key_id alice",
      "production govuk::apps::support_api::aws_access_key_id bob",
      "staging govuk::apps::support::aws_access_key_id alice",
    ]);
    expect(rows.every((r) => r.accountId === "123456789012" && r.userName === "govuk-support")).toBe(true);
  });

  it("refuses the same location twice with a clear message", async () => {
    await expect(addLocationToKey(SUPPORT, hiera("support", "staging"), "carol")).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses a key it does not know", async () => {
    await expect(addLocationToKey("AKIAUNKNOWN000000000", hiera("x", "production"), "a")).rejects.toBeInstanceOf(KeyrotateError);
  });

  it("edits, confirms and removes", async () => {
    const [first] = await listLocations({ accessKeyId: SUPPORT });
    const edited = await updateLocation(first.id, { ...hiera("support", "production"), notes: "rotated by hand in 2025" }, "dave");
    expect(edited).toMatchObject({ notes: "rotated by hand in 2025", updatedBy: "dave", createdBy: "alice" });
    const confirmed = await confirmLocation(first.id, "erin", new Date("2026-11-01T00:00:00Z"));
    expect(confirmed).toMatchObject({ confirmedBy: "erin", confirmedAt: new Date("2026-11-01T00:00:00Z") });
    const extra = await addLocationToKey(SUPPORT, hiera("tmp", "integration"), "alice");
    await deleteLocation(extra.id);
    await expect(deleteLocation(extra.id)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("search", () => {
  it("finds a key by a pasted id prefix, in any case", async () => {
    const found = await searchRegistry("  akiasupport ");
    expect(found.keys.map((k) => k.accessKeyId)).toEqual([SUPPORT]);
  });

  it("finds keys through their locations' text", async () => {
    await addLocationToKey(FASTLY, { kind: "third-party", system: "Fastly", environment: "production", identifier: "logging endpoint s3-logs", notes: null }, "alice");
    const found = await searchRegistry("fastly");
    expect(found.keys.map((k) => k.accessKeyId)).toEqual([FASTLY]);
    expect(found.locations.map((l) => l.system)).toEqual(["Fastly"]);
    const byHiera = await searchRegistry("support_api::aws");
    expect(byHiera.keys.map((k) => k.accessKeyId)).toEqual([SUPPORT]);
  });

  it("returns nothing for an empty query", async () => {
    expect(await searchRegistry("   ")).toMatchObject({ keys: [], locations: [] });
  });
});

describe("CSV import and export", () => {
  const header = "access_key_id,user_name,kind,system,environment,identifier,notes";
  const good = [
    `${FASTLY},,third-party,Logit,production,stack 42 "output",`,
    `,fastly-cdn-logs,app-config,cdn-logs,staging,"config.yml, key s3",shipper`,
  ];

  it("previews a bad file, writes nothing and reports the line", async () => {
    const before = await listLocations();
    const text = [header, ...good, `,two-keyed,other,x,production,y,`, `AKIANOPE000000000000,,other,x,production,y,`].join("\n");
    const result = await importLocationsCsv(text, { commit: true, actor: "importer" });
    expect(result.committed).toBe(false);
    expect(result.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(result.errors[0].message).toMatch(/two keys/);
    expect(result.errors[1].message).toMatch(/unknown access key id/i);
    expect(await listLocations()).toEqual(before);
  });

  it("imports every row once, and a re-import changes nothing", async () => {
    const text = [header, ...good].join("\r\n");
    const first = await importLocationsCsv(text, { commit: true, actor: "importer" });
    expect(first).toMatchObject({ committed: true, counts: { created: 2, updated: 0, unchanged: 0 } });
    const snapshot = await listLocations();
    const again = await importLocationsCsv(text, { commit: true, actor: "someone-else" });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await listLocations()).toEqual(snapshot);
  });

  it("exports what it holds, and the export imports back unchanged", async () => {
    const csv = await exportLocationsCsv();
    expect(csv.split("\r\n")[0]).toBe(header);
    const parsed = parseLocationsCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength((await listLocations()).length);
    const back = await importLocationsCsv(csv, { commit: true, actor: "roundtrip" });
    expect(back.counts).toMatchObject({ created: 0, updated: 0 });
  });
});
