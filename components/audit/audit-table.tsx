import type { AuditEntry } from "@/lib/db/audit.ts";
import { formatDateTime } from "../ui/format.ts";
import { DataTable, cell } from "../ui/table.tsx";

const COLUMNS = ["When", "Actor", "Action", "Target", "Result", "Message"];

export function AuditTable({ rows, caption }: { rows: AuditEntry[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No audit records match.</p>;
  return (
    <DataTable columns={COLUMNS} caption={caption}>
      {rows.map((r) => (
        <tr key={r.id} data-action={r.action}>
          <td className={`${cell} whitespace-nowrap`}>{formatDateTime(r.at)}</td>
          <td className={cell}>
            {r.actor}
            {r.actorRole && <span className="block text-xs text-slate-600 dark:text-slate-400">{r.actorRole}</span>}
          </td>
          <td className={`${cell} font-mono text-xs`}>{r.action}</td>
          <td className={`${cell} text-xs`}>
            {[r.userName, r.accessKeyId].filter(Boolean).join(" · ")}
            {r.accountId && <span className="block text-slate-600 dark:text-slate-400">{r.accountId}</span>}
          </td>
          <td className={`${cell} ${r.result === "ok" ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}`}>{r.result}</td>
          <td className={cell}>{r.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}
