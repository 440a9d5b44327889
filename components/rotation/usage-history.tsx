// Both keys' last use over the rotation: the chart, and the same moments as a table.
import { ChartFigure, ChartLegend } from "@/components/compliance/chart-figure.tsx";
import { seriesColor } from "@/components/compliance/chart-colors.ts";
import { formatDateTime } from "@/components/ui/format.ts";
import { DataTable, cell } from "@/components/ui/table.tsx";
import type { UsageHistoryRow } from "@/lib/rotation/usage-history.ts";
import { UsageHistoryChart } from "./usage-history-chart.tsx";

const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);
const said = (d: Date | null | undefined) => (d === undefined ? "not observed yet" : d === null ? "never" : formatDateTime(d));

export function UsageHistory({ rows }: { rows: UsageHistoryRow[] }) {
  return (
    <ChartFigure
      id="usage-history"
      caption="Last use of the old and the new key during this rotation"
      chart={
        rows.length > 0 ? (
          <UsageHistoryChart points={rows.map((r) => ({ at: r.observedAt.getTime(), old: ms(r.oldLastUsed), new: ms(r.newLastUsed) }))} />
        ) : (
          <p className="text-sm">Nothing observed yet.</p>
        )
      }
      legend={
        <ChartLegend
          items={[
            { label: "Old key", color: seriesColor(1), dashed: true },
            { label: "New key", color: seriesColor(0) },
          ]}
        />
      }
      table={
        <DataTable columns={["Observed at", "Old key last used", "New key last used"]} caption="Last use of both keys, as observed">
          {rows.map((r) => (
            <tr key={r.observedAt.toISOString()}>
              <td className={cell}>
                <time dateTime={r.observedAt.toISOString()}>{formatDateTime(r.observedAt)}</time>
              </td>
              <td className={cell}>{said(r.oldLastUsed)}</td>
              <td className={cell}>{said(r.newLastUsed)}</td>
            </tr>
          ))}
        </DataTable>
      }
    />
  );
}
