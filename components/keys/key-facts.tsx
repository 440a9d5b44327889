// A key's facts as of the last sync, and what its flags say to do.
import { FLAG_INFO, type Thresholds } from "@/lib/inventory/flags.ts";
import type { KeyRow } from "@/lib/inventory/key-rows.ts";
import { ExemptionBadge, FlagBadge } from "../ui/flag-badge.tsx";
import { formatDate } from "../ui/format.ts";

type Props = { row: KeyRow; accountName: string | null; thresholds: Thresholds };

export function KeyFacts({ row, accountName, thresholds }: Props) {
  const lastUsed = row.lastUsedDate
    ? [formatDate(row.lastUsedDate), row.lastUsedService, row.lastUsedRegion].filter(Boolean).join(" · ")
    : "never";
  const facts: Array<[string, string]> = [
    ["Account", accountName ? `${row.accountId} (${accountName})` : row.accountId],
    ["Status", row.status],
    ["Age", `${row.ageDays} day${row.ageDays === 1 ? "" : "s"}`],
    ["Created", formatDate(row.createDate)],
    ["Last used", lastUsed],
  ];
  return (
    <section aria-labelledby="key-facts-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="key-facts-heading" className="sr-only">
        Key facts
      </h2>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-5">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">{term}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-xs uppercase text-slate-500 dark:text-slate-400">Flags</h3>
      {row.flags.length === 0 && row.exemptions.length === 0 ? (
        <p className="text-sm">None: nothing needs doing.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {row.flags.map((flag) => (
            <li key={flag} className="flex flex-wrap items-baseline gap-2">
              <FlagBadge flag={flag} thresholds={thresholds} />
              <span aria-hidden>{FLAG_INFO[flag].explanation(thresholds)}</span>
            </li>
          ))}
          {row.exemptions.map((e) => (
            <li key={`${e.scope}-${e.flag}`} className="flex flex-wrap items-baseline gap-2">
              <ExemptionBadge exemption={e} />
              <span aria-hidden>{e.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
