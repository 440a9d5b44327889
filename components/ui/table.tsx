// The one look of a data table: a framed, scrollable table with a header row. Rows are the caller's.
import type { ReactNode } from "react";

export const tableFrame = "overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";
export const tableClass = "min-w-full text-left text-sm";
export const theadClass = "bg-slate-100 text-xs uppercase text-slate-700 dark:bg-slate-800 dark:text-slate-200";
export const tbodyClass = "divide-y divide-slate-100 dark:divide-slate-800";
export const cell = "px-3 py-2";

type Props = {
  columns: readonly string[];
  /** Names the table for screen readers; shown above it when `showCaption` is set. */
  caption: ReactNode;
  showCaption?: boolean;
  children: ReactNode;
};

export function DataTable({ columns, caption, showCaption = false, children }: Props) {
  return (
    <div className={tableFrame}>
      <table className={tableClass}>
        <caption className={showCaption ? "px-3 py-2 text-left font-semibold" : "sr-only"}>{caption}</caption>
        <thead className={theadClass}>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col" className={cell}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={tbodyClass}>{children}</tbody>
      </table>
    </div>
  );
}
