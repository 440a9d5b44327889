"use client";
// The dashboard's table: one row per key, sortable and filterable in the browser (a few thousand
// rows at most per account, already in memory).
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { FLAGS, FLAG_INFO, type Thresholds } from "@/lib/inventory/flags.ts";
import type { KeyRow } from "@/lib/inventory/key-rows.ts";
import { KeyActions, type KeyPermissions, type Notice } from "../keys/key-actions.tsx";
import { FlagBadge } from "../ui/flag-badge.tsx";
import { formatDate } from "../ui/format.ts";
import { SelectFilter, filterControl } from "../ui/select-filter.tsx";
import { cell, tableClass, tableFrame, tbodyClass, theadClass } from "../ui/table.tsx";

const STATUSES = [
  { value: "Active", label: "Active" },
  { value: "Inactive", label: "Inactive" },
];

export type KeyTableRow = KeyRow & { locationCount: number; readOnly: string | null; rotationId?: string | null; rotationStep?: string | null };

const col = createColumnHelper<KeyTableRow>();

type Props = { rows: KeyTableRow[]; thresholds: Thresholds; permissions: KeyPermissions };

/**
 * Props from the server arrive as new objects on every refresh. flexRender mounts each cell renderer
 * as a component, so new columns would remount every cell and drop its state (an open dialog, its
 * error message): the columns are rebuilt only when a value inside these objects changes.
 */
function useStable<T>(value: T): T {
  const [held, setHeld] = useState(value);
  if (JSON.stringify(held) !== JSON.stringify(value)) {
    setHeld(value);
    return value;
  }
  return held;
}

export function KeysTable({ rows, thresholds: thresholdsProp, permissions: permissionsProp }: Props) {
  const thresholds = useStable(thresholdsProp);
  const permissions = useStable(permissionsProp);
  // Outcomes of row actions are announced here: a deleted key's row, and its buttons, are gone.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: "ageDays", desc: true }]);
  const [globalFilter, setGlobalFilter] = useState("");
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);

  const columns = useMemo(
    () => [
      col.accessor("userName", {
        header: "User",
        cell: (c) => <span className="font-medium">{c.getValue()}</span>,
      }),
      col.accessor((r) => r.accountName ?? r.accountId, {
        id: "account",
        header: "Account",
        filterFn: "equals",
        cell: ({ row: { original: r } }) => (
          <span className="whitespace-nowrap">
            {r.accountName ?? r.accountId}
            {r.accountName && <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{r.accountId}</span>}
          </span>
        ),
      }),
      col.accessor("accessKeyId", {
        header: "Access key",
        cell: (c) => (
          <Link href={`/keys/${c.getValue()}`} className="font-mono text-xs text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor("status", { header: "Status", filterFn: "equals" }),
      col.accessor("ageDays", { header: "Age (days)", cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor("createDate", { header: "Created", cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span> }),
      col.accessor((r) => r.lastUsedDate ?? "", {
        id: "lastUsed",
        header: "Last used",
        cell: ({ row: { original: r } }) =>
          r.lastUsedDate ? (
            <span className="whitespace-nowrap">
              {formatDate(r.lastUsedDate)}
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {[r.lastUsedService, r.lastUsedRegion].filter(Boolean).join(" · ") || "service unknown"}
              </span>
            </span>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">never</span>
          ),
      }),
      col.accessor("locationCount", { header: "Locations", cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor("flags", {
        header: "Flags",
        enableSorting: false,
        filterFn: (row, id, value: string) => (row.getValue(id) as string[]).includes(value),
        cell: ({ row: { original: r } }) => (
          <span className="flex flex-wrap gap-1">
            {r.rotationStep && (
              <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-200">
                Rotating: {r.rotationStep}
              </span>
            )}
            {r.flags.map((f) => (
              <FlagBadge key={f} flag={f} thresholds={thresholds} />
            ))}
          </span>
        ),
      }),
      col.display({
        id: "actions",
        header: "Actions",
        cell: ({ row: { original: r } }) => (
          <KeyActions
            accountId={r.accountId}
            userName={r.userName}
            accessKeyId={r.accessKeyId}
            status={r.status}
            rotationId={r.rotationId}
            readOnly={r.readOnly}
            allowed={permissions}
            onNotice={setNotice}
          />
        ),
      }),
    ],
    [thresholds, permissions],
  );

  // TanStack Table hands out fresh functions each render, so the React Compiler skips this
  // component; the table does its own memoization, and the rows are a few thousand at most.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter, columnFilters },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    globalFilterFn: (row, _id, value: string) => {
      const q = value.trim().toLowerCase();
      const r = row.original;
      return !q || r.userName.toLowerCase().includes(q) || r.accessKeyId.toLowerCase().includes(q) || (r.accountName ?? r.accountId).toLowerCase().includes(q);
    },
    // Rows keep their identity (and any open dialog) when sorting or a refresh reorders them.
    getRowId: (r) => r.accessKeyId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });

  const accounts = useMemo(() => [...new Set(rows.map((r) => r.accountName ?? r.accountId))].sort().map((a) => ({ value: a, label: a })), [rows]);
  const setFilter = (id: string, value: string) => table.getColumn(id)?.setFilterValue(value || undefined);
  const shown = table.getRowModel().rows;

  return (
    <section aria-label="Access keys">
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          Filter
          <input
            type="search"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
            placeholder="User, key id or account"
            className={`${filterControl} w-64`}
          />
        </label>
        <SelectFilter label="Flag" options={FLAGS.map((f) => ({ value: f, label: FLAG_INFO[f].label }))} onChange={(v) => setFilter("flags", v)} />
        <SelectFilter label="Status" options={STATUSES} onChange={(v) => setFilter("status", v)} />
        {accounts.length > 1 && <SelectFilter label="Account" options={accounts} onChange={(v) => setFilter("account", v)} />}
        <p className="ml-auto text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {shown.length} of {rows.length} keys
        </p>
      </div>
      <div className={tableFrame}>
        <table className={tableClass}>
          <thead className={theadClass}>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      className={cell}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {h.column.getCanSort() ? (
                        <button type="button" onClick={h.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase focus-visible:underline">
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden>{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={tbodyClass}>
            {shown.map((row) => (
              <tr key={row.id} data-key-id={row.original.accessKeyId} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                {row.getVisibleCells().map((c) => (
                  <td key={c.id} className={`${cell} align-top`}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  No keys match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="fixed right-4 bottom-4 z-10 flex max-w-md items-start gap-3">
        <p
          aria-live="polite"
          className={
            notice
              ? `rounded border px-3 py-2 text-sm shadow ${notice.ok ? "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100" : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"}`
              : "sr-only"
          }
        >
          {notice?.message}
        </p>
        {notice && (
          <button type="button" onClick={() => setNotice(null)} className="rounded bg-white px-2 py-1 text-sm shadow dark:bg-slate-800">
            Dismiss
          </button>
        )}
      </div>
    </section>
  );
}
