// The rows an upload would import, and every problem in it by line.
import { LOCATION_KIND_LABELS } from "@/lib/locations/schema.ts";
import type { ImportReply } from "@/lib/locations/import-reply.ts";
import { DataTable, cell } from "../ui/table.tsx";

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
  const caption = partial ? `Preview: the first ${reply.rows.length} of ${reply.rowCount} rows` : `Preview: ${reply.rowCount} row${reply.rowCount === 1 ? "" : "s"}`;
  return (
    <DataTable columns={COLUMNS} caption={caption} showCaption>
      {reply.rows.map((r) => (
        <tr key={r.line} className="align-top">
          <td className={`${cell} tabular-nums`}>{r.line}</td>
          <td className={`${cell} font-mono text-xs`}>{r.accessKeyId}</td>
          <td className={cell}>{r.userName}</td>
          <td className={cell}>{LOCATION_KIND_LABELS[r.kind]}</td>
          <td className={cell}>{r.system}</td>
          <td className={cell}>{r.environment}</td>
          <td className={`${cell} font-mono text-xs break-all`}>{r.identifier}</td>
          <td className={`${cell} max-w-xs whitespace-pre-wrap wrap-anywhere`}>{r.notes}</td>
        </tr>
      ))}
    </DataTable>
  );
}
