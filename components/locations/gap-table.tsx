// The gap report's rows: where the registry disagrees with the latest discovery of a place.
import Link from "next/link";
import { GAP_INFO, type Gap, type GapKind } from "@/lib/inventory/gaps.ts";
import { DataTable, cell } from "../ui/table.tsx";

const tone: Record<GapKind, string> = {
  "not-recorded": "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  "not-found": "bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
};

export function GapBadge({ kind }: { kind: GapKind }) {
  return (
    <span title={GAP_INFO[kind].explanation} data-gap={kind} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[kind]}`}>
      {GAP_INFO[kind].label}
      <span className="sr-only">: {GAP_INFO[kind].explanation}</span>
    </span>
  );
}

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export function GapTable({ gaps, caption, showKey = true }: { gaps: Gap[]; caption: string; showKey?: boolean }) {
  const columns = [...(showKey ? ["Key"] : []), "Gap", "System", "Environment", "Name", "Found at", "Discovered"];
  return (
    <DataTable columns={columns} caption={caption}>
      {gaps.map((g) => (
        <tr key={`${g.kind}|${g.iamUserId}|${g.system}|${g.environment}|${g.identifier}`}>
          {showKey && (
            <td className={cell}>
              {g.userName}{" "}
              {g.accessKeyId && (
                <Link href={`/keys/${g.accessKeyId}`} className="font-mono text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
                  {g.accessKeyId}
                </Link>
              )}
            </td>
          )}
          <td className={cell}>
            <GapBadge kind={g.kind} />
          </td>
          <td className={cell}>{g.system}</td>
          <td className={cell}>{g.environment}</td>
          <td className={`${cell} font-mono break-all`}>{g.identifier}</td>
          <td className={`${cell} font-mono`}>{g.file ? `${g.file}:${g.line}` : "—"}</td>
          <td className={cell}>
            <time dateTime={g.discoveredAt.toISOString()}>{day(g.discoveredAt)}</time>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
