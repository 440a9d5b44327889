import type { InventorySummary } from "@/lib/inventory/key-rows.ts";

const cards: Array<{ key: keyof InventorySummary; label: string }> = [
  { key: "keys", label: "Keys" },
  { key: "overdue", label: "Overdue" },
  { key: "dueSoon", label: "Due soon" },
  { key: "usersWithTwoKeys", label: "Users with two keys" },
  { key: "neverUsed", label: "Never used" },
  { key: "exempted", label: "Exempted" },
];

export function SummaryCards({ summary }: { summary: InventorySummary }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-6" aria-label="Summary">
      {cards.map((c) => (
        <div key={c.key} className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">{c.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-summary={c.key}>
            {summary[c.key]}
          </dd>
        </div>
      ))}
    </dl>
  );
}
