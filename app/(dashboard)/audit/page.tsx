import { AuditTable } from "@/components/audit/audit-table.tsx";
import { primaryButton } from "@/components/ui/button.ts";
import { parseAuditFilter } from "@/lib/audit/filter.ts";
import { pageActor } from "@/lib/auth/gate.ts";
import { listAudit, listAuditPeople } from "@/lib/db/audit.ts";

export const dynamic = "force-dynamic";

const field = "mt-1 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActor("audit.read", "/audit");
  const raw = await searchParams;
  const { params, filter, error } = parseAuditFilter(raw);
  const [rows, people] = await Promise.all([listAudit(filter), listAuditPeople()]);
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Audit trail</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit trail">
        <label className="flex flex-col">
          Person
          <select name="person" defaultValue={params.person ?? ""} className={field}>
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.actorId} value={p.actorId}>
                {p.actor} ({p.actorId})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Actor contains
          <input name="actor" defaultValue={params.actor} className={field} />
        </label>
        <label className="flex flex-col">
          Access key
          <input name="key" defaultValue={params.key} className={`${field} font-mono`} />
        </label>
        <label className="flex flex-col">
          Action
          <input name="action" defaultValue={params.action} placeholder="e.g. key. or rotation." className={field} />
        </label>
        <label className="flex flex-col">
          From
          <input type="date" name="from" defaultValue={params.from} className={field} />
        </label>
        <label className="flex flex-col">
          To
          <input type="date" name="to" defaultValue={params.to} className={field} />
        </label>
        <button type="submit" className={primaryButton}>
          Filter
        </button>
        <a href={`/api/v1/audit/export${query ? `?${query}` : ""}`} className="ml-auto text-blue-700 underline dark:text-blue-300">
          Export CSV
        </a>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <AuditTable rows={rows} caption="Audit records, newest first" />
    </div>
  );
}
