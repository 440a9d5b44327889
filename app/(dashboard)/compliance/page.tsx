import type { Metadata } from "next";
import { BucketChart } from "@/components/compliance/bucket-chart.tsx";
import { seriesColor } from "@/components/compliance/chart-colors.ts";
import { ChartFigure, ChartLegend } from "@/components/compliance/chart-figure.tsx";
import { ComplianceFigures, ShareTable } from "@/components/compliance/compliance-figures.tsx";
import { BucketTable, TrendTable } from "@/components/compliance/distribution-tables.tsx";
import { ShareChart } from "@/components/compliance/share-chart.tsx";
import { TrendChart, type TrendSeries } from "@/components/compliance/trend-chart.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { loadComplianceView, type TrendRow } from "@/lib/inventory/compliance-view.ts";
import { percent } from "@/lib/inventory/percent.ts";

export const metadata: Metadata = { title: "Compliance · keyrotate" };
export const dynamic = "force-dynamic";

function trendSeries(rows: TrendRow[]): TrendSeries[] {
  const byAccount = new Map<string, TrendSeries>();
  for (const r of rows) {
    const s = byAccount.get(r.accountLabel) ?? { label: r.accountLabel, points: [] };
    s.points.push({ at: r.takenAt.getTime(), percent: percent(r.withinPolicy, r.total) });
    byAccount.set(r.accountLabel, s);
  }
  return [...byAccount.values()];
}

export default async function CompliancePage() {
  await pageActor("inventory.read", "/compliance");
  const view = await loadComplianceView(new Date());
  const { thresholds: t } = view;
  const series = trendSeries(view.trend);
  const accounts = view.accounts.map((a) => ({ ...a, id: a.accountId }));
  const owners = view.owners.map((o) => ({ ...o, id: o.team ?? "", label: o.team ?? "No owner" }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Compliance</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Within policy: every key except an active one older than {t.maxKeyAgeDays} days. Due soon: reaches {t.maxKeyAgeDays} days within{" "}
          {t.dueSoonDays} days. Never used: no recorded use after {t.neverUsedGraceDays} days. An exempted key counts as within policy for the flag it is exempt from. Figures as of the last sync.
        </p>
      </div>
      <ComplianceFigures totals={view.totals} exempted={view.exempted} />
      {view.totals.total === 0 ? (
        <p className="text-sm">No keys yet: sync from the Keys page to read IAM.</p>
      ) : (
        <div className="space-y-6">
          <ChartFigure
            id="per-account"
            caption="Share of keys within policy per account"
            chart={<ShareChart data={accounts.map((a) => ({ label: a.label, percent: percent(a.withinPolicy, a.total) }))} />}
            table={<ShareTable rows={accounts} heading="Account" caption="Keys within policy per account" />}
          />
          <ChartFigure
            id="per-owner"
            caption="Share of keys within policy per owner"
            chart={<ShareChart data={owners.map((o) => ({ label: o.label, percent: percent(o.withinPolicy, o.total) }))} />}
            table={<ShareTable rows={owners} heading="Owner" caption="Keys within policy per owner" />}
          />
          <ChartFigure
            id="key-age"
            caption={`Active keys by age, against the ${t.maxKeyAgeDays}-day line`}
            chart={<BucketChart data={view.ages} lineLabel={`${t.maxKeyAgeDays} days`} />}
            table={<BucketTable caption="Active keys by age" heading="Age" rows={view.ages} overText={`over ${t.maxKeyAgeDays} days: overdue`} />}
          />
          <ChartFigure
            id="last-use"
            caption="Keys by last use"
            chart={<BucketChart data={view.lastUse} lineLabel={`${t.staleDays} days`} />}
            table={<BucketTable caption="Keys by last use" heading="Last used" rows={view.lastUse} overText={`unused over ${t.staleDays} days`} />}
          />
          <ChartFigure
            id="trend"
            caption={`Share within policy after each sync, last 90 days`}
            chart={series.length > 0 ? <TrendChart series={series} /> : <p className="text-sm">No sync recorded yet.</p>}
            legend={<ChartLegend items={series.map((s, i) => ({ label: s.label, color: seriesColor(i) }))} />}
            table={<TrendTable rows={view.trend} />}
          />
        </div>
      )}
    </div>
  );
}
