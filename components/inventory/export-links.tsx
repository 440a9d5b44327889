"use client";
// "Export CSV" and "Export JSON" of the inventory with the table's current filters, which the table keeps
// in the URL (?q=&flag=&status=&account=&owner=&noOwner=): the export route applies the same filters on the server.
import { useSearchParams } from "next/navigation";

const FILTERS = ["q", "flag", "status", "account", "owner", "noOwner"] as const;
const link = "text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300";

export function exportHref(format: "csv" | "json", current: URLSearchParams): string {
  const params = new URLSearchParams({ format });
  for (const name of FILTERS) {
    const value = current.get(name);
    if (value) params.set(name, value);
  }
  return `/api/v1/keys/export?${params}`;
}

export function ExportLinks() {
  const current = useSearchParams();
  const filtered = FILTERS.some((name) => current.get(name));
  return (
    <div className="flex flex-wrap items-center justify-end gap-4">
      <a href={exportHref("csv", current)} download className={link}>
        Export CSV
      </a>
      <a href={exportHref("json", current)} download className={link}>
        Export JSON
      </a>
      <span className="text-xs text-slate-600 dark:text-slate-400">{filtered ? "with the filters shown" : "every key"}</span>
    </div>
  );
}
