// The rows an upload would import, and every problem in it by line.
import { LOCATION_KIND_LABELS } from "@/lib/locations/schema.ts";
import type { ImportReply } from "@/lib/locations/import-reply.ts";

const COLUMNS = ["Line", "Access key", "User", "Kind", "System", "Environment", "Identifier", "Notes"];

export function ImportProblems({ reply }: { reply: ImportReply }) {
  if (reply.errorCount === 0) return null;
  return (
    <section aria-labelledby="import-problems" className="rounded border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950">
      <h2 id="import-problems" className="font-semibold text-red-900 dark:text-red-100">
        Problems
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-900 dark:text-red-100">
        {reply.errors.map((e, i) => (
          <li key={`${e.line}-${i}`}>
            Line {e.line}: {e.message}
          </li>
        ))}
      </ul>
      {reply.errorCount > reply.errors.length && (
        <p className="mt-2 text-sm text-red-900 dark:text-red-100">…and {reply.errorCount - reply.errors.length} more.</p>
      )}
    </section>
  );
}

export function ImportPreview({ reply }: { reply: ImportReply }) {
  if (reply.rowCount === 0) return null;
  const partial = reply.rowCount > reply.rows.length;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-semibold">
          {partial ? `Preview: the first ${reply.rows.length} of ${reply.rowCount} rows` : `Preview: ${reply.rowCount} row${reply.rowCount === 1 ? "" : "s"}`}
        </caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="px-3 py-2">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {reply.rows.map((r) => (
            <tr key={r.line} className="align-top">
              <td className="px-3 py-2 tabular-nums">{r.line}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.accessKeyId}</td>
              <td className="px-3 py-2">{r.userName}</td>
              <td className="px-3 py-2">{LOCATION_KIND_LABELS[r.kind]}</td>
              <td className="px-3 py-2">{r.system}</td>
              <td className="px-3 py-2">{r.environment}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{r.identifier}</td>
              <td className="max-w-xs px-3 py-2 whitespace-pre-wrap wrap-anywhere">{r.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
