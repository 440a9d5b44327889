"use client";
// The dashboard's table: one page of keys as the server chose it. Filters, sort and page are the URL
// (TanStack Table in manual mode holds no rows of its own), so 10,000 keys cost one page in the browser.
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { Thresholds } from "@/lib/inventory/flags.ts";
import type { KeyRow } from "@/lib/inventory/key-rows.ts";
import type { KeyView, SortKey } from "@/lib/inventory/key-view.ts";
import { KeyActions, type KeyPermissions, type Notice } from "../keys/key-actions.tsx";
import { FlagBadges } from "../ui/flag-badge.tsx";
import { NoticeToast } from "../ui/notice-toast.tsx";
import { formatDate } from "../ui/format.ts";
import { cell, tableClass, tableFrame, tbodyClass, theadClass } from "../ui/table.tsx";
import { KeyFilters, KeyPager } from "./key-view-controls.tsx";
import { useKeyView } from "./use-key-view.ts";

export type KeyTableRow = KeyRow & { owner: string | null; locationCount: number; readOnly: string | null; rotationId?: string | null; rotationStep?: string | null };

const col = createColumnHelper<KeyTableRow>();

type Props = {
  rows: KeyTableRow[];
  /** Keys the filters match, on every page. */
  total: number;
  /** Every live key. */
  all: number;
  view: KeyView;
  page: number;
  pages: number;
  accounts: Array<{ id: string; name: string | null }>;
  /** The owning teams, for the owner filter. */
  teams: string[];
  thresholds: Thresholds;
  permissions: KeyPermissions;
};

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

export function KeysTable({ rows, total, all, view, page, pages, accounts, teams, thresholds: thresholdsProp, permissions: permissionsProp }: Props) {
  const thresholds = useStable(thresholdsProp);
  const permissions = useStable(permissionsProp);
  // Outcomes of row actions are announced here: a deleted key's row, and its buttons, are gone.
  const [notice, setNotice] = useState<Notice | null>(null);
  const { pending, change } = useKeyView(view);
  const sorting: SortingState = [{ id: view.sort, desc: view.dir === "desc" }];
  const onSortingChange = (updater: Updater<SortingState>) => {
    const [next] = typeof updater === "function" ? updater(sorting) : updater;
    if (next) change({ sort: next.id as SortKey, dir: next.desc ? "desc" : "asc" });
  };

  const columns = useMemo(
    () => [
      col.accessor("userName", {
        id: "user",
        header: "User",
        cell: (c) => <span className="font-medium">{c.getValue()}</span>,
      }),
      col.accessor((r) => r.accountName ?? r.accountId, {
        id: "account",
        header: "Account",
        cell: ({ row: { original: r } }) => (
          <span className="whitespace-nowrap">
            {r.accountName ?? r.accountId}
            {r.accountName && <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{r.accountId}</span>}
          </span>
        ),
      }),
      col.accessor("accessKeyId", {
        id: "key",
        header: "Access key",
        cell: (c) => (
          <Link href={`/keys/${c.getValue()}`} className="font-mono text-xs text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor("status", { id: "status", header: "Status" }),
      col.accessor("ageDays", { id: "age", header: "Age (days)", cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor("createDate", { id: "created", header: "Created", cell: (c) => <span className="whitespace-nowrap">{formatDate(c.getValue())}</span> }),
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
      col.accessor("locationCount", { id: "locations", header: "Locations", cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
      col.accessor("owner", {
        id: "owner",
        header: "Owner",
        enableSorting: false,
        cell: (c) => c.getValue() ?? <span className="text-slate-600 dark:text-slate-400">none</span>,
      }),
      col.accessor("flags", {
        header: "Flags",
        enableSorting: false,
        cell: ({ row: { original: r } }) => (
          <span className="flex min-w-44 flex-wrap gap-1">
            {r.rotationStep && (
              <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-200">
                Rotating: {r.rotationStep}
              </span>
            )}
            <FlagBadges flags={r.flags} exemptions={r.exemptions} thresholds={thresholds} />
          </span>
        ),
      }),
      col.display({
        id: "actions",
        header: "Actions",
        enableSorting: false,
        cell: ({ row: { original: r } }) => (
          <KeyActions
            compact
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
  // component; the table does its own memoization, and it holds one page of rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: view.size } },
    onSortingChange,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    pageCount: pages,
    rowCount: total,
    // A new column sorts ascending first; a second click reverses it (there is always a sort).
    sortDescFirst: false,
    enableSortingRemoval: false,
    // Rows keep their identity (and any open dialog) when sorting or a refresh reorders them.
    getRowId: (r) => r.accessKeyId,
    getCoreRowModel: getCoreRowModel(),
  });

  const shown = table.getRowModel().rows;
  const first = (page - 1) * view.size + 1;

  return (
    <section aria-label="Access keys">
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <KeyFilters view={view} accounts={accounts} teams={teams} change={change} />
        <p className="ml-auto text-sm text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="key-count">
          {total === 0 ? `0 of ${all} keys` : `${first}–${first + shown.length - 1} of ${total} keys`}
          {total !== all && total > 0 ? ` (${all} in all)` : ""}
        </p>
      </div>
      <div className={`${tableFrame} transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
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
            {total === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  No keys match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <KeyPager view={view} page={page} pages={pages} change={change} />
      <NoticeToast notice={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
