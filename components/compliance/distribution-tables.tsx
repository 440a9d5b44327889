// The text equivalents of the bucket charts and of the trend.
import { formatDateTime } from "@/components/ui/format.ts";
import { DataTable, cell } from "@/components/ui/table.tsx";
import type { BucketCount } from "@/lib/db/compliance.ts";
import type { TrendRow } from "@/lib/inventory/compliance-view.ts";
import { percent } from "@/lib/inventory/percent.ts";

export function BucketTable({ caption, heading, rows, overText }: { caption: string; heading: string; rows: BucketCount[]; overText: string }) {
  return (
    <DataTable columns={[heading, "Keys", "Policy"]} caption={caption}>
      {rows.map((r) => (
        <tr key={r.label}>
          <th scope="row" className={`${cell} font-normal`}>
            {r.label}
          </th>
          <td className={`${cell} tabular-nums`}>{r.count}</td>
          <td className={cell}>{r.overLimit ? overText : ""}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function TrendTable({ rows }: { rows: TrendRow[] }) {
  return (
    <DataTable columns={["Synced at", "Account", "Keys", "Within policy", "Share", "Overdue", "Due soon", "Never used"]} caption="Compliance after each sync">
      {[...rows].reverse().map((r) => (
        <tr key={`${r.accountLabel}-${r.takenAt.toISOString()}`}>
          <td className={cell}>
            <time dateTime={r.takenAt.toISOString()}>{formatDateTime(r.takenAt)}</time>
          </td>
          <td className={cell}>{r.accountLabel}</td>
          <td className={`${cell} tabular-nums`}>{r.total}</td>
          <td className={`${cell} tabular-nums`}>{r.withinPolicy}</td>
          <td className={`${cell} tabular-nums`}>{percent(r.withinPolicy, r.total)}%</td>
          <td className={`${cell} tabular-nums`}>{r.overdue}</td>
          <td className={`${cell} tabular-nums`}>{r.dueSoon}</td>
          <td className={`${cell} tabular-nums`}>{r.neverUsed}</td>
        </tr>
      ))}
    </DataTable>
  );
}
