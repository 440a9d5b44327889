// The headline numbers and the share tables: the page's summary, and the text of the account and owner charts.
import { DataTable, cell } from "@/components/ui/table.tsx";
import type { ComplianceCounts } from "@/lib/db/compliance.ts";
import type { ComplianceView } from "@/lib/inventory/compliance-view.ts";
import { percent } from "@/lib/inventory/percent.ts";

export function ComplianceFigures({ totals, exempted }: Pick<ComplianceView, "totals" | "exempted">) {
  const figures = [
    { key: "total", label: "Keys", value: String(totals.total) },
    { key: "withinPolicy", label: "Within policy", value: `${percent(totals.withinPolicy, totals.total)}%` },
    { key: "overdue", label: "Overdue", value: String(totals.overdue) },
    { key: "dueSoon", label: "Due soon", value: String(totals.dueSoon) },
    { key: "neverUsed", label: "Never used", value: String(totals.neverUsed) },
    { key: "exempted", label: "Exempted", value: String(exempted) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-6" aria-label="Compliance summary">
      {figures.map((f) => (
        <div key={f.key} className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs uppercase text-slate-600 dark:text-slate-400">{f.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-figure={f.key}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One row of a share table: a group of keys (an account, an owner) and its counts. */
export type ShareRow = ComplianceCounts & { id: string; label: string };

export function ShareTable({ rows, heading, caption }: { rows: ShareRow[]; heading: string; caption: string }) {
  return (
    <DataTable columns={[heading, "Keys", "Within policy", "Share within policy", "Overdue", "Due soon", "Never used"]} caption={caption}>
      {rows.map((a) => (
        <tr key={a.id} data-share={a.id}>
          <th scope="row" className={`${cell} font-medium`}>
            {a.label}
          </th>
          <td className={`${cell} tabular-nums`}>{a.total}</td>
          <td className={`${cell} tabular-nums`}>{a.withinPolicy}</td>
          <td className={`${cell} tabular-nums`}>{percent(a.withinPolicy, a.total)}%</td>
          <td className={`${cell} tabular-nums`}>{a.overdue}</td>
          <td className={`${cell} tabular-nums`}>{a.dueSoon}</td>
          <td className={`${cell} tabular-nums`}>{a.neverUsed}</td>
        </tr>
      ))}
    </DataTable>
  );
}
