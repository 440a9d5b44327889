// `npm run bench:keys [-- --keys 10000 --provider sqlite|postgresql]`: measures, does not test. Fills a
// fresh database with that many keys (half the users hold two; a quarter of the keys have a location),
// then times the dashboard's database work: page 1, a filtered page, a deep page, a sort by locations, the
// summary counts, the owner filter and "Keys by owner" (a quarter of the users owned by 20 teams, 50
// exemptions in force), and for comparison the whole-inventory load the dashboard did before (every key read
// and flagged in TypeScript). Median of 15 runs after 3 warm-ups. Quote its output.
import { parseArgs } from "node:util";
import { createTemplate } from "../lib/testing/database.ts";
import type { IamUserWithKeys } from "../lib/iam/types.ts";

const { values } = parseArgs({ options: { keys: { type: "string", default: "10000" }, provider: { type: "string", default: "sqlite" } } });
const keyCount = Number(values.keys);
const provider = values.provider as "sqlite" | "postgresql";
const RUNS = 15;
const DAY = 86_400_000;

const database = await createTemplate(provider, process.env.KEYROTATE_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
process.env.DATABASE_URL = database.appUrl;
const { saveInventory } = await import("../lib/db/inventory.ts");
const { countKeys, countKeysByUser, pageOfKeys } = await import("../lib/db/key-page.ts");
const { saveOwner } = await import("../lib/db/owners.ts");
const { createExemption } = await import("../lib/db/exemptions.ts");
const { countsByTeam, teamsOfUsers, usersOfOwner } = await import("../lib/owners/teams.ts");
const { listKeys } = await import("../lib/db/keys.ts");
const { createLocation } = await import("../lib/db/locations.ts");
const { disconnectDb } = await import("../lib/db/client.ts");
const { DEFAULT_THRESHOLDS } = await import("../lib/inventory/flags.ts");
const { DEFAULT_VIEW } = await import("../lib/inventory/key-view.ts");
const { summarize, toKeyRow } = await import("../lib/inventory/key-rows.ts");

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);

function users(): IamUserWithKeys[] {
  const out: IamUserWithKeys[] = [];
  for (let i = 0, keys = 0; keys < keyCount; i++) {
    const userName = `bench-app-${String(i).padStart(5, "0")}`;
    const two = i % 2 === 0 && keys + 2 <= keyCount;
    const key = (j: number) => ({
      accessKeyId: `AKIABENCH${String(i).padStart(10, "0")}${j}`,
      userName,
      status: (i + j) % 9 === 0 ? ("Inactive" as const) : ("Active" as const),
      createDate: ago(((i * 37 + j * 11) % 400) + 1),
      lastUsed: (i + j) % 7 === 0 ? { lastUsedDate: null, service: null, region: null } : { lastUsedDate: ago((i + j) % 120), service: "s3", region: "eu-west-2" },
    });
    const keysOfUser = two ? [key(0), key(1)] : [key(0)];
    keys += keysOfUser.length;
    out.push({ userName, userId: `AIDA${String(i).padStart(16, "0")}`, arn: `arn:aws:iam::123456789012:user/${userName}`, path: "/", tags: null, createDate: ago(500), keys: keysOfUser });
  }
  return out;
}

async function median(label: string, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    await fn();
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(62)} ${times[Math.floor(times.length / 2)].toFixed(1).padStart(8)} ms   (max ${times.at(-1)!.toFixed(1)} ms)`);
}

try {
  const started = performance.now();
  await saveInventory("123456789012", users(), now);
  const stored = await listKeys();
  for (const k of stored.filter((_, i) => i % 4 === 0)) {
    await createLocation({ accountId: k.accountId, iamUserId: k.iamUserId, accessKeyId: k.accessKeyId }, { kind: "other", system: "app", environment: "production", identifier: k.accessKeyId, notes: null }, "bench");
  }
  for (const [i, k] of stored.filter((_, i) => i % 4 === 0).entries()) {
    await saveOwner(k.accountId, k.userName, { team: `team-${i % 20}`, contact: null }, "bench");
    if (i < 50) await createExemption({ accountId: k.accountId, userName: k.userName, accessKeyId: k.accessKeyId, flag: "overdue", reason: "bench", expiresAt: new Date(now.getTime() + 30 * DAY), createdBy: "bench" });
  }
  console.log(`keyrotate dashboard query, ${stored.length} keys on ${provider} (filled in ${((performance.now() - started) / 1000).toFixed(1)} s); median of ${RUNS}:`);
  const t = DEFAULT_THRESHOLDS;
  const page1 = await pageOfKeys(DEFAULT_VIEW, now, t);
  const filtered = await pageOfKeys({ ...DEFAULT_VIEW, q: "app-01", flag: "overdue" }, now, t);
  await median(`page 1 of ${page1.pages}, 50 keys, oldest first`, () => pageOfKeys(DEFAULT_VIEW, now, t));
  await median(`page 1 of "app-01" + flag overdue (${filtered.total} match)`, () => pageOfKeys({ ...DEFAULT_VIEW, q: "app-01", flag: "overdue" }, now, t));
  await median("page 1, flag two-keys, 250 a page", () => pageOfKeys({ ...DEFAULT_VIEW, flag: "two-keys", size: 250 }, now, t));
  await median(`page ${page1.pages} (the last), sorted by last use`, () => pageOfKeys({ ...DEFAULT_VIEW, sort: "lastUsed", page: page1.pages }, now, t));
  await median("page 1, sorted by locations", () => pageOfKeys({ ...DEFAULT_VIEW, sort: "locations", dir: "desc" }, now, t));
  await median("summary (counts by flag, users with two keys)", () => countKeys(now, t));
  await median("every user's owning team (the owner filter's first step)", () => teamsOfUsers());
  const teams = await teamsOfUsers();
  await median("page 1, owner filter: one team", () => pageOfKeys(DEFAULT_VIEW, now, t, usersOfOwner(teams, { owner: "team-3", noOwner: false })));
  await median("page 1, owner filter: no owner", () => pageOfKeys(DEFAULT_VIEW, now, t, usersOfOwner(teams, { owner: null, noOwner: true })));
  await median("keys by owner (per-user counts grouped by team)", async () => countsByTeam(await teamsOfUsers(), await countKeysByUser(now, t)));
  await median("before: every key read and flagged in TypeScript", async () => summarize((await listKeys()).map((k) => toKeyRow(k, now, t))));
} finally {
  await disconnectDb();
  await database.drop();
}
