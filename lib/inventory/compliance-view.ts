import "server-only";
// Everything the Compliance page shows, as plain data for its client charts: counted by the database.
import { complianceByAccount, countExemptedKeys, keyAgeDistribution, lastUseDistribution, listComplianceSnapshots, type AccountCompliance, type BucketCount, type ComplianceCounts } from "../db/compliance.ts";
import { thresholds } from "../env.ts";
import { countKeysByUser } from "../db/key-page.ts";
import { countsByTeam, teamsOfUsers } from "../owners/teams.ts";
import type { Thresholds } from "./flags.ts";

const TREND_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export type TrendRow = ComplianceCounts & { accountLabel: string; takenAt: Date };

export type ComplianceView = {
  thresholds: Thresholds;
  totals: ComplianceCounts;
  accounts: (AccountCompliance & { label: string })[];
  /** Per owning team; the team null holds the keys with no owner. */
  owners: (ComplianceCounts & { team: string | null })[];
  /** Live keys carrying an exemption in force: counted within policy for the flag they are exempt from. */
  exempted: number;
  ages: BucketCount[];
  lastUse: BucketCount[];
  trend: TrendRow[];
};

export async function loadComplianceView(now: Date): Promise<ComplianceView> {
  const t = thresholds();
  const [accounts, ages, lastUse, snapshots, exempted, teams, perUser] = await Promise.all([
    complianceByAccount(now, t),
    keyAgeDistribution(now, t),
    lastUseDistribution(now, t),
    listComplianceSnapshots(new Date(now.getTime() - TREND_DAYS * DAY_MS)),
    countExemptedKeys(now),
    teamsOfUsers(),
    countKeysByUser(now, t),
  ]);
  const labelled = accounts.map((a) => ({ ...a, label: a.accountName ?? a.accountId }));
  const labelOf = new Map(labelled.map((a) => [a.accountId, a.label]));
  const sum = (k: keyof ComplianceCounts) => accounts.reduce((n, a) => n + a[k], 0);
  return {
    thresholds: t,
    totals: { total: sum("total"), withinPolicy: sum("withinPolicy"), overdue: sum("overdue"), dueSoon: sum("dueSoon"), neverUsed: sum("neverUsed") },
    accounts: labelled,
    owners: countsByTeam(teams, perUser).map((o) => ({ ...o, withinPolicy: o.total - o.overdue })),
    exempted,
    ages,
    lastUse,
    trend: snapshots.map(({ accountId, ...s }) => ({ ...s, accountLabel: labelOf.get(accountId) ?? accountId })),
  };
}
