// "Keys by owner": the dashboard's keys grouped by owning team, each group a link to the table filtered to it.
import Link from "next/link";
import { percent } from "@/lib/inventory/percent.ts";
import type { OwnerCounts } from "@/lib/owners/teams.ts";
import { DataTable, cell } from "../ui/table.tsx";

const link = "font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300";

export function OwnerCountsTable({ owners }: { owners: OwnerCounts[] }) {
  return (
    <DataTable caption="Keys by owner" columns={["Owner", "Keys", "Overdue", "Due soon", "Never used", "Within policy"]}>
      {owners.map((o) => (
        <tr key={o.team ?? ""} data-owner={o.team ?? ""}>
          <th scope="row" className={cell}>
            <Link href={o.team ? `/?owner=${encodeURIComponent(o.team)}` : "/?noOwner=1"} className={link}>
              {o.team ?? "No owner"}
            </Link>
          </th>
          <td className={`${cell} tabular-nums`}>{o.total}</td>
          <td className={`${cell} tabular-nums`}>{o.overdue}</td>
          <td className={`${cell} tabular-nums`}>{o.dueSoon}</td>
          <td className={`${cell} tabular-nums`}>{o.neverUsed}</td>
          <td className={`${cell} tabular-nums`}>{percent(o.total - o.overdue, o.total)}%</td>
        </tr>
      ))}
    </DataTable>
  );
}
