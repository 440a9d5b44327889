import "server-only";
// The compliance figures, counted by the database with the bounds of lib/inventory/flag-cutoffs.ts (the
// flags' own thresholds), never by loading every key; and the per-account snapshots that make the trend.
import { db } from "./client.ts";
import { exemptKeysByFlag } from "./exemptions.ts";
import { ageBuckets, bucketRange, flagCutoffs, lastUseBuckets } from "../inventory/flag-cutoffs.ts";
import type { Thresholds } from "../inventory/flags.ts";

/** Within policy: not overdue (an active key at most maxKeyAgeDays old, an inactive key, or one exempted from "overdue"). */
export type ComplianceCounts = { total: number; withinPolicy: number; overdue: number; dueSoon: number; neverUsed: number };
export type AccountCompliance = ComplianceCounts & { accountId: string; accountName: string | null };
export type BucketCount = { label: string; count: number; overLimit: boolean };

const live = { deletedAt: null } as const;

/** Counted as raised flags are (KeyRow.flags): an exempted key does not count under the flag it is exempt from. */
async function flagWheres(now: Date, t: Thresholds) {
  const c = flagCutoffs(now, t);
  const exempt = await exemptKeysByFlag(now);
  const [overdue, dueSoon, neverUsed] = (["overdue", "due-soon", "never-used"] as const).map((f) => exempt.get(f) ?? []);
  const notIn = (ids: string[]) => (ids.length ? { accessKeyId: { notIn: ids } } : {});
  return {
    overdue: { ...live, ...notIn(overdue), status: "Active", createDate: { lte: c.overdueAtOrBefore } },
    dueSoon: { ...live, ...notIn(dueSoon), status: "Active", createDate: { gt: c.overdueAtOrBefore, ...(c.dueSoonAtOrBefore ? { lte: c.dueSoonAtOrBefore } : {}) } },
    neverUsed: { ...live, ...notIn(neverUsed), lastUsedDate: null, createDate: { lte: c.neverUsedAtOrBefore } },
  };
}

/** Live keys carrying an exemption in force, of any flag. */
export async function countExemptedKeys(now: Date): Promise<number> {
  return new Set([...(await exemptKeysByFlag(now)).values()].flat()).size;
}

const counts = (total: number, overdue: number, dueSoon: number, neverUsed: number): ComplianceCounts => ({
  total,
  withinPolicy: total - overdue,
  overdue,
  dueSoon,
  neverUsed,
});

/** One account's figures: four counts. */
export async function accountCompliance(accountId: string, now: Date, t: Thresholds): Promise<ComplianceCounts> {
  const w = await flagWheres(now, t);
  const k = db().accessKey;
  const [total, overdue, dueSoon, neverUsed] = await Promise.all([
    k.count({ where: { ...live, accountId } }),
    k.count({ where: { ...w.overdue, accountId } }),
    k.count({ where: { ...w.dueSoon, accountId } }),
    k.count({ where: { ...w.neverUsed, accountId } }),
  ]);
  return counts(total, overdue, dueSoon, neverUsed);
}

/** Every account holding keys, grouped by the database. */
export async function complianceByAccount(now: Date, t: Thresholds): Promise<AccountCompliance[]> {
  const w = await flagWheres(now, t);
  const k = db().accessKey;
  const grouped = (where: object) =>
    k.groupBy({ by: ["accountId"], where, _count: { _all: true } }).then((rows) => new Map(rows.map((r) => [r.accountId, r._count._all])));
  const [total, overdue, dueSoon, neverUsed, accounts] = await Promise.all([
    grouped(live),
    grouped(w.overdue),
    grouped(w.dueSoon),
    grouped(w.neverUsed),
    db().account.findMany({ select: { id: true, name: true } }),
  ]);
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  return [...total.entries()]
    .map(([accountId, n]) => ({ accountId, accountName: nameOf.get(accountId) ?? null, ...counts(n, overdue.get(accountId) ?? 0, dueSoon.get(accountId) ?? 0, neverUsed.get(accountId) ?? 0) }))
    .sort((a, b) => (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId));
}

/** Active keys by whole days of age; the policy applies to active keys. */
export async function keyAgeDistribution(now: Date, t: Thresholds): Promise<BucketCount[]> {
  return Promise.all(
    ageBuckets(t).map(async (b) => ({
      label: b.label,
      overLimit: b.overLimit,
      count: await db().accessKey.count({ where: { ...live, status: "Active", createDate: bucketRange(now, b) } }),
    })),
  );
}

/** Every key by how long ago it was last used, "never used" first. */
export async function lastUseDistribution(now: Date, t: Thresholds): Promise<BucketCount[]> {
  const never = db().accessKey.count({ where: { ...live, lastUsedDate: null } });
  const used = lastUseBuckets(t).map(async (b) => ({
    label: b.label,
    overLimit: b.overLimit,
    count: await db().accessKey.count({ where: { ...live, lastUsedDate: { not: null, ...bucketRange(now, b) } } }),
  }));
  const [n, ...rest] = await Promise.all([never, ...used]);
  return [{ label: "never used", overLimit: false, count: n as number }, ...(rest as BucketCount[])];
}

export type ComplianceSnapshotRecord = ComplianceCounts & { accountId: string; takenAt: Date };

export async function recordComplianceSnapshot(accountId: string, takenAt: Date, c: ComplianceCounts): Promise<void> {
  await db().complianceSnapshot.create({ data: { accountId, takenAt, ...c } });
}

/** Snapshots since `since`, oldest first, at most `limit` (the newest kept). */
export async function listComplianceSnapshots(since: Date, limit = 500): Promise<ComplianceSnapshotRecord[]> {
  const rows = await db().complianceSnapshot.findMany({
    where: { takenAt: { gte: since } },
    orderBy: { takenAt: "desc" },
    take: limit,
    select: { accountId: true, takenAt: true, total: true, withinPolicy: true, overdue: true, dueSoon: true, neverUsed: true },
  });
  return rows.reverse();
}
