// The read API as a script uses it: a token made with the real CLI (child process), GET /api/v1/keys and
// /api/v1/locations through their route handlers, against this file's database. Its JSON must equal
// `keyrotate keys --json` for the same data; a revoked or missing token gets 401 and no data.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles.ts";
import { db } from "@/lib/db/client.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { createExemption } from "@/lib/db/exemptions.ts";
import { saveOwner } from "@/lib/db/owners.ts";
import { addLocationToKey } from "@/lib/locations/registry.ts";
import { setupEmulator } from "@/lib/testing/emulator.ts";
import { fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";

let who: Actor | null = null;
vi.mock("@/lib/auth/actor.ts", () => ({ REQUEST_ID_HEADER: "x-request-id", currentActor: async () => who }));

setupEmulator();
const database = setupFreshDatabase();

const { GET: getKeys } = await import("@/app/api/v1/keys/route.ts");
const { GET: getLocations } = await import("@/app/api/v1/locations/route.ts");
const { GET: exportKeys } = await import("@/app/api/v1/keys/export/route.ts");

function keyrotate(...args: string[]) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], { env: { ...process.env, DATABASE_URL: database.url() }, encoding: "utf8" });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

function createToken(name: string, ...more: string[]): string {
  const out = keyrotate("tokens", "create", name, ...more);
  expect(out.status, out.stderr).toBe(0);
  const lines = out.stdout.trimEnd().split("\n");
  expect(lines.at(-1)).toMatch(/^kr_[A-Za-z0-9_-]{43}$/);
  return lines.at(-1)!;
}

// Each CLI run starts Node, tsx and Prisma: seconds apiece on a busy machine, and some tests run three.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const call = (route: typeof getKeys, path: string, token?: string) =>
  route(new NextRequest(`http://127.0.0.1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), undefined);

async function body(response: Response) {
  return { status: response.status, json: (await response.json()) as { items?: unknown[]; nextCursor?: string | null; error?: string } };
}

let reader = "";

beforeAll(async () => {
  await seedInventory([
    fakeUser("govuk-support", [{ id: "AKIASUPPORT000000001", ageDays: 120 }]),
    fakeUser("fastly-cdn-logs", [{ id: "AKIAFASTLY0000000001", ageDays: 10, usedDaysAgo: null }]),
    fakeUser("two-keyed", [{ id: "AKIATWOKEYS000000001", ageDays: 200 }, { id: "AKIATWOKEYS000000002", ageDays: 2, status: "Inactive" }]),
    fakeUser("same-day-a", [{ id: "AKIASAMEDAYA00000001", ageDays: 50 }]),
    fakeUser("same-day-b", [{ id: "AKIASAMEDAYB00000001", ageDays: 50 }]),
  ]);
  await addLocationToKey("AKIASUPPORT000000001", { kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "production", identifier: "support::aws_access_key_id", notes: null }, "Ada Admin");
  reader = createToken("nightly-report");
});

describe("tokens", () => {
  it("are stored as their SHA-256 only, with the role viewer unless stated", async () => {
    const rows = await db().apiToken.findMany();
    expect(rows).toEqual([expect.objectContaining({ name: "nightly-report", role: "viewer", tokenHash: createHash("sha256").update(reader).digest("hex"), revokedAt: null })]);
    expect(JSON.stringify(rows)).not.toContain(reader.slice(3));
  });

  it("refuse a second token with a taken name, and a role that does not exist", () => {
    expect(keyrotate("tokens", "create", "nightly-report")).toMatchObject({ status: 1, stderr: expect.stringMatching(/exists already/) });
    expect(keyrotate("tokens", "create", "x", "--role", "root")).toMatchObject({ status: 1, stderr: expect.stringMatching(/role is one of viewer, rotator, admin/) });
  });
});

describe("GET /api/v1/keys", () => {
  it("answers a valid token with the same objects, in the same order, as keyrotate keys --json", async () => {
    const cli = keyrotate("keys", "--json");
    expect(cli.status, cli.stderr).toBe(0);
    const expected = JSON.parse(cli.stdout) as { accessKeyId: string }[];
    expect(expected).toHaveLength(6);
    expect(await body(await call(getKeys, "/api/v1/keys", reader))).toEqual({ status: 200, json: { items: expected, nextCursor: null } });
  });

  it("filters like keyrotate keys --flag and --account", async () => {
    const flagged = JSON.parse(keyrotate("keys", "--json", "--flag", "overdue").stdout) as unknown[];
    expect(flagged.length).toBeGreaterThan(0);
    expect((await body(await call(getKeys, "/api/v1/keys?flag=overdue", reader))).json.items).toEqual(flagged);
    const inactive = (await body(await call(getKeys, "/api/v1/keys?status=Inactive&q=two", reader))).json.items;
    expect(inactive).toEqual([expect.objectContaining({ accessKeyId: "AKIATWOKEYS000000002" })]);
    expect((await body(await call(getKeys, "/api/v1/keys?account=123456789012", reader))).json.items).toHaveLength(6);
  });

  it("filters by owner, no owner and exemption like keyrotate keys, and carries the exemptions", async () => {
    await saveOwner("123456789012", "govuk-support", { team: "support", contact: "support@example.org" }, "Ada Admin");
    await createExemption({ accountId: "123456789012", userName: "two-keyed", accessKeyId: "AKIATWOKEYS000000001", flag: "overdue", reason: "vendor", expiresAt: new Date(Date.now() + 30 * 86_400_000), createdBy: "Ada Admin" });
    for (const [query, args] of [
      ["owner=support", ["--owner", "support"]],
      ["noOwner=1", ["--no-owner"]],
      ["flag=exempted", ["--flag", "exempted"]],
    ] as const) {
      const cli = JSON.parse(keyrotate("keys", "--json", ...args).stdout) as Array<{ accessKeyId: string; owner: string | null; exemptions: unknown[] }>;
      expect(cli.length, query).toBeGreaterThan(0);
      expect((await body(await call(getKeys, `/api/v1/keys?${query}`, reader))).json.items, query).toEqual(cli);
    }
    const [exempt] = (await body(await call(getKeys, "/api/v1/keys?flag=exempted", reader))).json.items as Array<{ accessKeyId: string; flags: string[]; exemptions: Array<{ flag: string }> }>;
    expect(exempt).toMatchObject({ accessKeyId: "AKIATWOKEYS000000001", exemptions: [{ flag: "overdue", scope: "key", reason: "vendor", createdBy: "Ada Admin" }] });
    expect(exempt.flags).not.toContain("overdue");
    expect((await body(await call(getKeys, "/api/v1/keys?owner=support", reader))).json.items).toEqual([expect.objectContaining({ accessKeyId: "AKIASUPPORT000000001", owner: "support" })]);
    expect((await body(await call(getKeys, "/api/v1/keys?noOwner=yes", reader))).status).toBe(400);
  });

  it("pages with limit and an opaque cursor, every key once", async () => {
    const all = (await body(await call(getKeys, "/api/v1/keys", reader))).json.items;
    const seen: unknown[] = [];
    let path = "/api/v1/keys?limit=4";
    for (let guard = 0; guard < 5; guard++) {
      const page = await body(await call(getKeys, path, reader));
      expect(page.status).toBe(200);
      expect(page.json.items!.length).toBeLessThanOrEqual(4);
      seen.push(...page.json.items!);
      if (!page.json.nextCursor) break;
      path = `/api/v1/keys?limit=4&cursor=${page.json.nextCursor}`;
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ["limit=0", /limit/],
    ["limit=5000", /at most 1000/],
    ["flag=ancient", /Unknown flag/],
    ["cursor=abc", /cursor/],
    ["page=2", /Unknown query parameter page/],
  ])("answers ?%s with 400 and a message", async (query, message) => {
    const { status, json } = await body(await call(getKeys, `/api/v1/keys?${query}`, reader));
    expect({ status, json }).toEqual({ status: 400, json: { error: expect.stringMatching(message) } });
  });

  it("refuses a missing, malformed or unknown token with 401 and no data", async () => {
    for (const token of [undefined, "not-a-token", `kr_${"A".repeat(43)}`, reader.slice(0, -1)]) {
      const { status, json } = await body(await call(getKeys, "/api/v1/keys", token));
      expect({ status, json }, String(token)).toEqual({ status: 401, json: { error: expect.stringMatching(/Send a valid API token/) } });
    }
  });
});

describe("GET /api/v1/locations", () => {
  it("answers a valid token with the registry, and a key's own with ?accessKeyId=", async () => {
    const { status, json } = await body(await call(getLocations, "/api/v1/locations", reader));
    expect(status).toBe(200);
    expect(json).toEqual({
      items: [expect.objectContaining({ accessKeyId: "AKIASUPPORT000000001", userName: "govuk-support", accountId: "123456789012", kind: "secrets-repo", system: "govuk-secrets/puppet", createdBy: "Ada Admin" })],
      nextCursor: null,
    });
    expect(json.items![0]).not.toHaveProperty("iamUserId");
    expect((await body(await call(getLocations, "/api/v1/locations?accessKeyId=AKIAFASTLY0000000001", reader))).json.items).toEqual([]);
    expect((await call(getLocations, "/api/v1/locations?limit=x", reader)).status).toBe(400);
    expect((await call(getLocations, "/api/v1/locations")).status).toBe(401);
  });
});

describe("token use", () => {
  it("is audited as the token, once a minute however many requests, and shown as its last use", async () => {
    const reads = (await listAudit({ action: "api.read" })).filter((a) => a.actor === "token:nightly-report");
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorRole: "viewer", result: "ok", message: expect.stringMatching(/^GET \/api\/v1\/keys/) });
    const listed = JSON.parse(keyrotate("tokens", "list", "--json").stdout) as { name: string; lastUsedAt: string | null }[];
    expect(listed).toEqual([expect.objectContaining({ name: "nightly-report", lastUsedAt: expect.any(String) })]);
  });
});

describe("a revoked token", () => {
  it("gets 401 and no data from both endpoints, and the revocation is audited", async () => {
    const other = createToken("short-lived", "--role", "rotator");
    expect((await call(getKeys, "/api/v1/keys", other)).status).toBe(200);
    const out = keyrotate("tokens", "revoke", "short-lived");
    expect(out, out.stderr).toMatchObject({ status: 0, stdout: expect.stringMatching(/Revoked API token short-lived/) });
    for (const route of [getKeys, getLocations]) {
      const { status, json } = await body(await call(route, "/api/v1/keys", other));
      expect({ status, json }).toEqual({ status: 401, json: { error: expect.any(String) } });
    }
    expect((await call(getKeys, "/api/v1/keys", reader)).status, "the other token still works").toBe(200);
    expect(keyrotate("tokens", "revoke", "short-lived")).toMatchObject({ status: 1, stderr: expect.stringMatching(/No live token named short-lived/) });
    expect(await listAudit({ action: "token." })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "token.revoke", input: JSON.stringify({ name: "short-lived" }) }),
        expect.objectContaining({ action: "token.create", input: JSON.stringify({ name: "short-lived", role: "rotator" }) }),
      ]),
    );
  });
});

describe("the dashboard's export", () => {
  it("gives a signed-in viewer the filtered keys as JSON equal to the CLI's, and as CSV", async () => {
    who = { name: "Vic Viewer", subject: "oidc:vic", role: "viewer" };
    const json = await exportKeys(new NextRequest("http://127.0.0.1/api/v1/keys/export?format=json&flag=overdue&sort=age"), undefined);
    expect(json.headers.get("content-disposition")).toMatch(/attachment; filename="keyrotate-keys-\d{4}-\d{2}-\d{2}\.json"/);
    expect(await json.json()).toEqual(JSON.parse(keyrotate("keys", "--json", "--flag", "overdue").stdout));
    const csv = await (await exportKeys(new NextRequest("http://127.0.0.1/api/v1/keys/export?status=Inactive"), undefined)).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("account_id,account_name,user_name,access_key_id,status,create_date,age_days,last_used_date,last_used_service,last_used_region,flags,exemptions,owner,owner_contact");
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^123456789012,,two-keyed,AKIATWOKEYS000000002,Inactive,[^,]+,2,[^,]+,s3,eu-west-1,two-keys;inactive,,,$/)]);
    expect((await exportKeys(new NextRequest("http://127.0.0.1/api/v1/keys/export?format=xml"), undefined)).status).toBe(400);
    who = null;
  });
});
