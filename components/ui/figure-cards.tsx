// A row of headline numbers, each a labelled card: the dashboard's summary and the Compliance page's.
export type Figure = { key: string; label: string; value: string | number };

/** `name` labels the list; each value carries `data-<attribute>="<key>"` for tests and scripts. */
export function FigureCards({ name, attribute, figures }: { name: string; attribute: "summary" | "figure"; figures: Figure[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-6" aria-label={name}>
      {figures.map((f) => (
        <div key={f.key} className="rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs uppercase text-slate-600 dark:text-slate-400">{f.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums" {...{ [`data-${attribute}`]: f.key }}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
