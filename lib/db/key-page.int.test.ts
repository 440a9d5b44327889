// The dashboard's database query against the TypeScript definition of the flags: for every filter, sort
// and page, the keys and counts the database returns are those computeFlags/summarize give on the same keys.
import { beforeAll, describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { DEFAULT_THRESHOLDS, FLAGS, type Thresholds } from "../inventory/flags.ts";
import { DEFAULT_VIEW, type KeyView } from "../inventory/key-view.ts";
import { exemptionIndex } from "../inventory/exemptions.ts";
import { summarize, toKeyRow, type KeyRow } from "../inventory/key-rows.ts";
import type { IamUserWithKeys, KeyStatus } from "../iam/types.ts";
import { saveAccount } from "./accounts.ts";
import { saveInventory } from "./inventory.ts";
import { createExemption, endExemption, listExemptionsInForce } from "./exemptions.ts";
import { countKeys, countKeysByUser, pageOfKeys } from "./key-page.ts";
import { listKeys } from "./keys.ts";
import { createLocation } from "./locations.ts";

setupFreshDatabase();

const DAY = 86_400_000;
const now = new Date("2026-06-15T12:00:00.000Z");
const t: Thresholds = DEFAULT_THRESHOLDS;
const PROD = "111111111111";
const DEV = "222222222222";

// Ages on and around every threshold (to the millisecond), plus a spread: where SQL and TS would disagree.
const edges = [t.maxKeyAgeDays, t.maxKeyAgeDays + 1, t.maxKeyAgeDays - t.dueSoonDays, t.neverUsedGraceDays, t.neverUsedGraceDays + 1, t.staleDays + 1, 0, 1];
const offsets = [-1, 0, 1];
// Key number x walks every edge × offset, each both never used and used, Active and Inactive.
const ageMsFor = (x: number) => {
  const edge = edges[x % edges.length] * DAY + offsets[Math.floor(x / edges.length) % offsets.length];
  return x % 5 === 4 ? ((x * 7919) % 400) * DAY + (x % 13) * 3_600_000 : Math.max(0, edge);
};
const neverUsed = (x: number) => Math.floor(x / 24) % 2 === 0;
const inactive = (x: number) => Math.floor(x / 48) % 3 === 2;

function generatedUsers(accountId: string, count: number, from: number): IamUserWithKeys[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const userName = `user-${String(i).padStart(4, "0")}`;
    const keyOf = (j: number) => {
      const x = i * 2 + j;
      const ageMs = ageMsFor(x);
      const usedAgoMs = neverUsed(x) ? null : Math.min(ageMs, ageMsFor(x * 3 + 1));
      return {
        accessKeyId: `AKIA${accountId.slice(0, 1)}${String(i).padStart(10, "0")}${j}`.padEnd(20, "X"),
        userName,
        status: (inactive(x) ? "Inactive" : "Active") as KeyStatus,
        createDate: new Date(now.getTime() - ageMs),
        lastUsed: usedAgoMs === null ? { lastUsedDate: null, service: null, region: null } : { lastUsedDate: new Date(now.getTime() - usedAgoMs), service: "s3", region: "eu-west-2" },
      };
    };
    return {
      userName,
      userId: `AIDA${String(i).padStart(16, "0")}`,
      arn: `arn:aws:iam::${accountId}:user/${userName}`,
      path: "/",
      tags: null,
      createDate: new Date(now.getTime() - 500 * DAY),
      keys: i % 3 === 0 ? [keyOf(0), keyOf(1)] : [keyOf(0)],
    };
  });
}

let rows: KeyRow[] = [];

beforeAll(async () => {
  await saveAccount({ id: PROD, name: "production", roleArn: null, externalId: null, changeRole: "rotator" });
  const prod = generatedUsers(PROD, 90, 0);
  await saveInventory(PROD, prod, new Date(now.getTime() - 60_000));
  await saveInventory(DEV, generatedUsers(DEV, 40, 90), new Date(now.getTime() - 60_000));
  // A second sync of production without two users' second keys: deleted keys count nowhere.
  const trimmed = prod.map((u, i) => (i === 3 || i === 6 ? { ...u, keys: u.keys.slice(0, 1) } : u));
  await saveInventory(PROD, trimmed, now);
  const stored = await listKeys();
  for (const k of stored.filter((_, i) => i % 4 === 1)) {
    await createLocation({ accountId: k.accountId, iamUserId: k.iamUserId, accessKeyId: k.accessKeyId }, { kind: "other", system: "app", environment: "production", identifier: k.accessKeyId, notes: null }, "test");
  }
  rows = (await listKeys()).map((k) => toKeyRow(k, now, t));
});

/** Every key the view selects, in order, page by page. */
async function allPages(view: Partial<KeyView>, users: Parameters<typeof pageOfKeys>[3] = null): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await pageOfKeys({ ...DEFAULT_VIEW, size: 50, ...view, page }, now, t, users);
    ids.push(...result.keys.map((k) => k.accessKeyId));
    if (page >= result.pages) {
      expect(ids).toHaveLength(result.total);
      return ids;
    }
  }
}

describe("the dashboard's paged query", () => {
  it("has keys on every side of each threshold, and every flag raised somewhere", () => {
    expect(rows.length).toBeGreaterThan(150);
    for (const flag of FLAGS) expect(rows.filter((r) => r.flags.includes(flag)).length, flag).toBeGreaterThan(0);
    for (const flag of FLAGS) expect(rows.filter((r) => !r.flags.includes(flag)).length, flag).toBeGreaterThan(0);
  });

  it.each(FLAGS)("selects exactly the keys flagged %s by computeFlags", async (flag) => {
    const expected = rows.filter((r) => r.flags.includes(flag)).map((r) => r.accessKeyId);
    expect((await allPages({ flag })).sort()).toEqual(expected.sort());
  });

  it("counts what summarize counts, and each flag as computeFlags raises it", async () => {
    const counts = await countKeys(now, t);
    const summary = summarize(rows);
    expect({ keys: counts.keys, overdue: counts.overdue, dueSoon: counts["due-soon"], usersWithTwoKeys: counts.usersWithTwoKeys, neverUsed: counts["never-used"], exempted: counts.exempted }).toEqual(summary);
    for (const flag of FLAGS) expect(counts[flag], flag).toBe(rows.filter((r) => r.flags.includes(flag)).length);
  });

  it("pages through every live key once, oldest first by default, and clamps a page past the end", async () => {
    const byAge = [...rows].sort((a, b) => a.createDate.localeCompare(b.createDate) || a.accessKeyId.localeCompare(b.accessKeyId));
    expect(await allPages({})).toEqual(byAge.map((r) => r.accessKeyId));
    const last = await pageOfKeys({ ...DEFAULT_VIEW, page: 99 }, now, t);
    expect(last.page).toBe(last.pages);
    expect(last.keys.at(-1)?.accessKeyId).toBe(byAge.at(-1)?.accessKeyId);
  });

  it("sorts by last use with never-used keys first when ascending, and by locations", async () => {
    const ids = await allPages({ sort: "lastUsed", dir: "asc" });
    const used = ids.map((id) => rows.find((r) => r.accessKeyId === id)!.lastUsedDate);
    const nulls = used.filter((u) => u === null).length;
    expect(used.slice(0, nulls).every((u) => u === null)).toBe(true);
    const dates = used.slice(nulls) as string[];
    expect(dates).toEqual([...dates].sort());
    const most = await pageOfKeys({ ...DEFAULT_VIEW, sort: "locations", dir: "desc" }, now, t);
    expect(most.keys[0].locationCount).toBe(1);
    const asc = await pageOfKeys({ ...DEFAULT_VIEW, sort: "locations", dir: "asc" }, now, t);
    expect(asc.keys[0].locationCount).toBe(0);
  });

  it("filters by text, status and account together, as the table's filter did", async () => {
    const match = (r: KeyRow, q: string) => [r.userName, r.accessKeyId, r.accountName ?? "", r.accountId].some((s) => s.toLowerCase().includes(q));
    const cases: Array<[Partial<KeyView>, (r: KeyRow) => boolean]> = [
      [{ q: "USER-00" }, (r) => match(r, "user-00")],
      [{ q: "product" }, (r) => r.accountId === PROD],
      [{ q: "user_1" }, () => false], // "_" is a character, not a wildcard
      [{ status: "Inactive", account: DEV }, (r) => r.status === "Inactive" && r.accountId === DEV],
      [{ q: "user-01", flag: "two-keys", status: "Active" }, (r) => match(r, "user-01") && r.flags.includes("two-keys") && r.status === "Active"],
    ];
    for (const [view, keep] of cases) {
      const expected = rows.filter(keep).map((r) => r.accessKeyId).sort();
      expect((await allPages(view)).sort(), JSON.stringify(view)).toEqual(expected);
    }
  });

  it("answers an empty page for a filter nothing matches", async () => {
    expect(await pageOfKeys({ ...DEFAULT_VIEW, q: "nobody-has-this" }, now, t)).toEqual({ keys: [], total: 0, page: 1, pages: 1 });
  });
});

describe("with exemptions in force, expired and ended", () => {
  let exempted: KeyRow[] = [];

  beforeAll(async () => {
    const stored = await listKeys();
    const flagged = (flag: string) => rows.filter((r) => r.flags.includes(flag as never));
    const grant = (r: KeyRow, flag: string, over: { key?: boolean; expiresAt?: Date } = {}) =>
      createExemption({ accountId: r.accountId, userName: r.userName, accessKeyId: over.key === false ? null : r.accessKeyId, flag: flag as never, reason: "test", expiresAt: over.expiresAt ?? new Date(now.getTime() + 30 * DAY), createdBy: "test" });
    for (const r of flagged("overdue").slice(0, 5)) await grant(r, "overdue");
    for (const r of flagged("two-keys").slice(0, 2)) await grant(r, "two-keys", { key: false });
    // Held back by nothing: one expired a millisecond before now, one ended, one from a flag the key lacks.
    await grant(flagged("stale")[0], "stale", { expiresAt: new Date(now.getTime() - 1) });
    const ended = await grant(flagged("never-used")[0], "never-used");
    await endExemption(ended.id, "test", new Date(now.getTime() - DAY));
    await grant(rows.find((r) => !r.flags.includes("inactive"))!, "inactive");
    const exemptions = exemptionIndex(await listExemptionsInForce(now), now);
    exempted = stored.map((k) => toKeyRow(k, now, t, exemptions(k)));
  });

  it("holds back exactly the flags in force: 5 overdue keys, and every key of 2 users from two-keys", () => {
    const held = (flag: string) => rows.filter((r) => r.flags.includes(flag as never)).length - exempted.filter((r) => r.flags.includes(flag as never)).length;
    expect([held("overdue"), held("two-keys"), held("stale"), held("never-used")]).toEqual([5, 4, 0, 0]);
  });

  it.each([...FLAGS, "exempted" as const])("selects the keys whose rows say %s", async (flag) => {
    const expected = exempted.filter((r) => (flag === "exempted" ? r.exemptions.length > 0 : r.flags.includes(flag))).map((r) => r.accessKeyId);
    expect((await allPages({ flag })).sort()).toEqual(expected.sort());
  });

  it("counts what summarize counts on the exempted rows, per key and per user", async () => {
    const counts = await countKeys(now, t);
    const summary = summarize(exempted);
    expect(summary.exempted).toBeGreaterThanOrEqual(6); // 5 overdue keys, 2 users' keys and one more: some may overlap
    expect({ keys: counts.keys, overdue: counts.overdue, dueSoon: counts["due-soon"], usersWithTwoKeys: counts.usersWithTwoKeys, neverUsed: counts["never-used"], exempted: counts.exempted }).toEqual(summary);
    const perUser = [...(await countKeysByUser(now, t)).values()];
    expect(perUser.reduce((n, c) => n + c.overdue, 0)).toBe(summary.overdue);
    expect(perUser.reduce((n, c) => n + c.total, 0)).toBe(summary.keys);
  });

  it("keeps the users an owner filter names, as a list or as its complement", async () => {
    const stored = await listKeys();
    const some = [...new Set(stored.slice(0, 7).map((k) => k.iamUserId))];
    const ofUsers = (ids: string[]) => stored.filter((k) => ids.includes(k.iamUserId)).map((k) => k.accessKeyId).sort();
    expect((await allPages({}, { in: some })).sort()).toEqual(ofUsers(some));
    expect((await allPages({}, { in: [] }))).toEqual([]);
    const others = [...new Set(stored.map((k) => k.iamUserId))].filter((id) => !some.includes(id));
    expect((await allPages({}, { notIn: some })).sort()).toEqual(ofUsers(others));
  });
});
