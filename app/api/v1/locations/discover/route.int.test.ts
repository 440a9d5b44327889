// Discovery of an uploaded file through its route handler: only ids and names answered, nothing stored,
// size and origin limits; then recording it through the import page's action (run kept, ticked recorded).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { recordDiscoveryAction } from "@/app/(dashboard)/locations/import/actions.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { latestDiscoveryRuns } from "@/lib/db/discovery-runs.ts";
import { listLocations } from "@/lib/db/locations.ts";
import { discoveryGaps } from "@/lib/discovery/runs.ts";
import { MAX_UPLOAD_BYTES } from "@/lib/discovery/upload.ts";
import { fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { POST } from "./route.ts";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Rita Rotator", subject: "demo:rita", role: "rotator" }) }));

const database = setupFreshDatabase();

const SUPPORT = "AKIASUPPORT000000001";
const UNKNOWN = "AKIAUNKNOWN000000001";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY1";
const hiera = [
  "---",
  `govuk::apps::support::aws_access_key_id: "${SUPPORT}"`,
  `govuk::apps::support::aws_secret_access_key: "${SECRET}"`,
  `govuk::apps::support_api::aws_access_key_id: "${SUPPORT}"`,
  `govuk::apps::legacy::aws_access_key_id: "${UNKNOWN}"`,
  `govuk::apps::legacy::aws_secret_access_key: "${SECRET}"`,
].join("\n");

type Finding = { accessKeyId: string; known: boolean; userName: string | null; identifier: string; file: string; line: number };

async function scan(text: string, { file = "staging.yaml", origin = "http://127.0.0.1" }: { file?: string | null; origin?: string } = {}) {
  const query = file === null ? "" : `?file=${encodeURIComponent(file)}`;
  const response = await POST(new Request(`http://127.0.0.1/api/v1/locations/discover${query}`, { method: "POST", body: text, headers: { origin, "content-type": "text/plain" } }), {});
  const raw = await response.text();
  return { status: response.status, raw, body: JSON.parse(raw) as { ok: boolean; message: string; file?: string; findings?: Finding[] } };
}

beforeAll(async () => {
  await seedInventory([fakeUser("govuk-support", [{ id: SUPPORT }])]);
});

describe("POST /api/v1/locations/discover", () => {
  it("answers each id with its name, file and line and whether it is known, never the secret beside it", async () => {
    const { status, raw, body } = await scan(hiera, { file: "../../etc/hieradata/staging.yaml" });
    expect(status).toBe(200);
    expect(body.message).toBe("3 occurrences in staging.yaml, 2 of known keys.");
    expect(body.findings).toEqual([
      { accessKeyId: SUPPORT, known: true, userName: "govuk-support", identifier: "govuk::apps::support::aws_access_key_id", file: "staging.yaml", line: 2 },
      { accessKeyId: SUPPORT, known: true, userName: "govuk-support", identifier: "govuk::apps::support_api::aws_access_key_id", file: "staging.yaml", line: 4 },
      { accessKeyId: UNKNOWN, known: false, userName: null, identifier: "govuk::apps::legacy::aws_access_key_id", file: "staging.yaml", line: 5 },
    ]);
    expect(raw).not.toContain(SECRET);
    // Scanning alone writes nothing: no location, no run, no audit.
    expect(await listLocations()).toEqual([]);
    expect(await latestDiscoveryRuns()).toEqual([]);
    expect(await listAudit({ limit: 100 })).toEqual([]);
  });

  it("labels pasted text, and names an id under no name by its line", async () => {
    const { body } = await scan(`some notes\n${SUPPORT}\n${SECRET}\n`, { file: null });
    expect(body.findings).toEqual([expect.objectContaining({ accessKeyId: SUPPORT, identifier: "(pasted text):2", file: "(pasted text)", line: 2 })]);
  });

  it("refuses an empty body, a file over the limit as it streams in, non-UTF-8 bytes, and another site", async () => {
    expect(await scan("  \n")).toMatchObject({ status: 400, body: { ok: false, message: "The file is empty." } });
    const huge = await scan(`${SUPPORT}\n${"x".repeat(MAX_UPLOAD_BYTES + 1)}`);
    expect(huge).toMatchObject({ status: 413, body: { ok: false, message: expect.stringMatching(/larger than 10 MB/) } });
    const binary = await POST(new Request("http://127.0.0.1/api/v1/locations/discover", { method: "POST", body: new Uint8Array([0xff, 0xfe, 0x41]), headers: { origin: "http://127.0.0.1" } }), {});
    expect(binary.status).toBe(400);
    const elsewhere = await scan(hiera, { origin: "https://evil.example" });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.raw).not.toContain(SUPPORT);
  });
});

describe("recordDiscoveryAction", () => {
  it("records the ticked known occurrences, keeps the run for the gap report, and flags the unticked one", async () => {
    const { body } = await scan(hiera);
    const occurrences = body.findings!.map(({ accessKeyId, identifier, file, line }) => ({ accessKeyId, identifier, file, line, record: identifier.includes("::support::") || accessKeyId === UNKNOWN }));
    const form = new FormData();
    form.set("system", "govuk-secrets/puppet");
    form.set("environment", "Staging");
    form.set("occurrences", JSON.stringify(occurrences));
    const state = await recordDiscoveryAction(undefined, form);
    expect(state).toMatchObject({ ok: true, message: "Recorded 1 new location in govuk-secrets/puppet staging (0 already recorded).", result: { created: 1, alreadyRecorded: 0 } });

    expect((await listLocations()).map((l) => [l.accessKeyId, l.kind, l.system, l.environment, l.identifier, l.createdBy])).toEqual([
      [SUPPORT, "secrets-repo", "govuk-secrets/puppet", "staging", "govuk::apps::support::aws_access_key_id", "Rita Rotator"],
    ]);
    const [run] = await latestDiscoveryRuns();
    expect(run).toMatchObject({ system: "govuk-secrets/puppet", environment: "staging", source: "dashboard", actor: "Rita Rotator" });
    expect(run.occurrences.map((o) => [o.accessKeyId, o.accountId, o.identifier, o.line])).toEqual([
      [SUPPORT, expect.any(String), "govuk::apps::support::aws_access_key_id", 2],
      [SUPPORT, expect.any(String), "govuk::apps::support_api::aws_access_key_id", 4],
      [UNKNOWN, null, "govuk::apps::legacy::aws_access_key_id", 5],
    ]);
    expect((await discoveryGaps()).map((g) => [g.kind, g.identifier])).toEqual([["not-recorded", "govuk::apps::support_api::aws_access_key_id"]]);
    expect(await listAudit({ action: "location.discover" })).toMatchObject([{ actor: "Rita Rotator", result: "ok" }]);

    // The secret was never sent to be recorded, and is nowhere in what was stored.
    const stored = JSON.stringify([await listLocations(), await latestDiscoveryRuns(), await listAudit({ limit: 100 })]);
    expect(stored).not.toContain(SECRET);
    const url = database.url();
    if (url.startsWith("file:")) {
      const { existsSync, readFileSync } = await import("node:fs");
      const path = url.slice("file:".length);
      const bytes = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1")).join("");
      expect(bytes).toContain(SUPPORT);
      expect(bytes).not.toContain(SECRET);
    }
  });

  it("refuses a malformed list or place and changes nothing", async () => {
    const before = [await listLocations(), await latestDiscoveryRuns()];
    const bad = new FormData();
    bad.set("system", "govuk-secrets/puppet");
    bad.set("environment", "staging");
    bad.set("occurrences", JSON.stringify([{ accessKeyId: "not-a-key", identifier: "x", file: "f", line: 1, record: true }]));
    expect(await recordDiscoveryAction(undefined, bad)).toMatchObject({ ok: false, errors: { "occurrences.0.accessKeyId": [expect.any(String)] } });
    const noPlace = new FormData();
    noPlace.set("system", "");
    noPlace.set("environment", "staging");
    noPlace.set("occurrences", JSON.stringify([{ accessKeyId: SUPPORT, identifier: "x", file: "f", line: 1, record: true }]));
    expect(await recordDiscoveryAction(undefined, noPlace)).toMatchObject({ ok: false });
    expect([await listLocations(), await latestDiscoveryRuns()]).toEqual(before);
  });
});
