// The headline numbers and the share tables: the page's summary, and the text of the account and owner charts.
import { FigureCards } from "@/components/ui/figure-cards.tsx";
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
  return <FigureCards name="Compliance summary" attribute="figure" figures={figures} />;
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
