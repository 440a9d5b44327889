import type { AuditEntry } from "@/lib/db/audit.ts";
import { formatDateTime } from "../ui/format.ts";

export function AuditTable({ rows, caption }: { rows: AuditEntry[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No audit records match.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {["When", "Actor", "Action", "Target", "Result", "Message"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id} data-action={r.action}>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.at)}</td>
              <td className="px-3 py-2">{r.actor}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
              <td className="px-3 py-2 text-xs">
                {[r.userName, r.accessKeyId].filter(Boolean).join(" · ")}
                {r.accountId && <span className="block text-slate-500">{r.accountId}</span>}
              </td>
              <td className={`px-3 py-2 ${r.result === "ok" ? "text-green-700 dark:text-green-300" : "text-red-700 dark:text-red-300"}`}>
                {r.result}
              </td>
              <td className="px-3 py-2">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
