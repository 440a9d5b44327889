// The database's counts against computeFlags on every key: the same keys, the same `now`, keys placed on
// both sides of every threshold's edge.
import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { ACCOUNT, fakeUser } from "../testing/inventory-fixture.ts";
import { ageInDays, computeFlags, DEFAULT_THRESHOLDS, type Thresholds } from "../inventory/flags.ts";
import { ageBuckets, lastUseBuckets } from "../inventory/flag-cutoffs.ts";
import { saveInventory } from "./inventory.ts";
import { listKeys, type StoredKey } from "./keys.ts";
import { accountCompliance, complianceByAccount, keyAgeDistribution, lastUseDistribution } from "./compliance.ts";

setupFreshDatabase();

const OTHER = "210987654321";
const EDGE = 1 / (24 * 60 * 60); // one second, in days

function expected(keys: StoredKey[], now: Date, t: Thresholds) {
  const flags = keys.map((k) => computeFlags(k, now, t));
  const n = (f: string) => flags.filter((fs) => fs.includes(f as never)).length;
  return { total: keys.length, withinPolicy: keys.length - n("overdue"), overdue: n("overdue"), dueSoon: n("due-soon"), neverUsed: n("never-used") };
}

const inBucket = (days: number, b: { from: number; to: number | null }) => days >= b.from && (b.to === null || days <= b.to);

describe("compliance counts", () => {
  it("match the flags computed in TypeScript, per account, on both sides of every edge", async () => {
    const now = new Date();
    const ages = [0, 7, 7 + EDGE, 8 - EDGE, 8, 8 + EDGE, 30, 60, 75.5, 76 - EDGE, 76, 76 + EDGE, 90, 91 - EDGE, 91, 91 + EDGE, 180.5, 365, 366, 400];
    const users = ages.flatMap((age, i) => [
      fakeUser(`active-${i}`, [{ id: `AKIACOMPACT${String(i).padStart(9, "0")}`, ageDays: age, usedDaysAgo: i % 3 === 0 ? null : Math.min(age, (i * 13) % 120) }], now),
      fakeUser(`inactive-${i}`, [{ id: `AKIACOMPINA${String(i).padStart(9, "0")}`, ageDays: age, usedDaysAgo: i % 2 ? null : Math.min(age, i), status: "Inactive" }], now),
    ]);
    // Alternate pairs of ages between the accounts, so each holds keys on both sides of the edges.
    await saveInventory(ACCOUNT, users.filter((_, j) => j % 4 < 2), now);
    await saveInventory(OTHER, users.filter((_, j) => j % 4 >= 2), now);
    const keys = await listKeys();
    const t = DEFAULT_THRESHOLDS;

    const mine = expected(keys.filter((k) => k.accountId === ACCOUNT), now, t);
    const theirs = expected(keys.filter((k) => k.accountId === OTHER), now, t);
    expect(mine.overdue * theirs.overdue).toBeGreaterThan(0);
    expect(mine.dueSoon + theirs.dueSoon).toBeGreaterThan(0);
    expect(mine.neverUsed + theirs.neverUsed).toBeGreaterThan(0);
    expect(await accountCompliance(ACCOUNT, now, t)).toEqual(mine);
    expect(await accountCompliance(OTHER, now, t)).toEqual(theirs);
    expect(await complianceByAccount(now, t)).toEqual([
      { accountId: ACCOUNT, accountName: null, ...mine },
      { accountId: OTHER, accountName: null, ...theirs },
    ]);

    const active = keys.filter((k) => k.status === "Active");
    expect((await keyAgeDistribution(now, t)).map((b) => b.count)).toEqual(
      ageBuckets(t).map((b) => active.filter((k) => inBucket(ageInDays(k.createDate, now), b)).length),
    );
    const used = keys.filter((k) => k.lastUsedDate);
    expect((await lastUseDistribution(now, t)).map((b) => b.count)).toEqual([
      keys.length - used.length,
      ...lastUseBuckets(t).map((b) => used.filter((k) => inBucket(ageInDays(k.lastUsedDate!, now), b)).length),
    ]);
  });

  it("follow configured thresholds", async () => {
    const now = new Date();
    const t: Thresholds = { maxKeyAgeDays: 30, dueSoonDays: 5, neverUsedGraceDays: 2, staleDays: 20 };
    const keys = (await listKeys()).filter((k) => k.accountId === ACCOUNT);
    const counts = await accountCompliance(ACCOUNT, now, t);
    expect(counts).toEqual(expected(keys, now, t));
    expect(counts.overdue).toBeGreaterThan((await accountCompliance(ACCOUNT, now, DEFAULT_THRESHOLDS)).overdue);
  });
});
