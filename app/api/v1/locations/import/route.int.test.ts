// The CSV upload through its route handler: preview, commit, bad lines, size and origin limits.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/lib/db/audit.ts";
import { listLocations } from "@/lib/db/locations.ts";
import { MAX_IMPORT_BYTES } from "@/lib/locations/registry.ts";
import { fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { POST } from "./route.ts";

vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Rita Rotator", subject: "demo:rita", role: "rotator" }) }));

setupFreshDatabase();

const SUPPORT = "AKIASUPPORT000000001";
const header = "access_key_id,user_name,kind,system,environment,identifier,notes";

async function upload(text: string, commit: boolean, origin = "http://127.0.0.1") {
  const response = await POST(
    new Request(`http://127.0.0.1/api/v1/locations/import?commit=${commit}`, { method: "POST", body: text, headers: { origin, "content-type": "text/csv" } }),
    {},
  );
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  await seedInventory([fakeUser("govuk-support", [{ id: SUPPORT }])]);
});

describe("POST /api/v1/locations/import", () => {
  it("previews without writing or auditing, and commits only when asked", async () => {
    const text = [header, `,govuk-support,ci-variable,GitHub Actions,staging,AWS_ACCESS_KEY_ID,`].join("\n");
    const preview = await upload(text, false);
    expect(preview.body).toMatchObject({ ok: true, message: "1 row ready to import. Nothing has been written yet." });
    expect(preview.body.result).toMatchObject({ committed: false, rowCount: 1, errorCount: 0, rows: [{ line: 2, accessKeyId: SUPPORT }] });
    expect(await listLocations()).toEqual([]);
    expect(await listAudit({ action: "location.import" })).toEqual([]);

    const done = await upload(text, true);
    expect(done.body).toMatchObject({ ok: true, message: "Imported: 1 new, 0 updated, 0 unchanged." });
    expect(await listLocations()).toHaveLength(1);
    // The audit says who imported what size of file, but never holds the file itself.
    const audit = await listAudit({ action: "location.import" });
    expect(audit).toMatchObject([{ actor: "Rita Rotator", actorId: "demo:rita", result: "ok" }]);
    expect(JSON.parse(audit[0].input!)).toEqual({ characters: text.length });
    expect(JSON.stringify(audit)).not.toContain("GitHub Actions");
  });

  it("lists every bad line and writes nothing", async () => {
    const before = await listLocations();
    const text = [header, `,govuk-support,other,x,production,y,`, `AKIANOPE000000000000,,other,x,production,y,`, `,nobody,other,x,production,y,`].join("\n");
    const { body } = await upload(text, true);
    expect(body.message).toBe("2 problems found: nothing was imported. Fix the file and preview it again.");
    expect(body.result).toMatchObject({ committed: false, errors: [{ line: 3 }, { line: 4 }] });
    expect(await listLocations()).toEqual(before);
  });

  it("refuses a file over the limit as it streams in, and one from another site", async () => {
    const huge = `${header}\n${"x".repeat(MAX_IMPORT_BYTES + 1)}`;
    expect(await upload(huge, false)).toMatchObject({ status: 413, body: { ok: false, message: expect.stringMatching(/larger than 5 MB/) } });
    const fromElsewhere = await upload(`${header}\n,govuk-support,other,a,production,b,`, true, "https://evil.example");
    expect(fromElsewhere.status).toBe(403);
  });
});
