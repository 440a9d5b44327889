// A chart with its text equivalent: the drawing is hidden from assistive technology, which reads the table
// of the same numbers instead. The fixed height gives recharts' SVG a box to fill.
import type { ReactNode } from "react";

type Props = { id: string; caption: ReactNode; chart: ReactNode; legend?: ReactNode; table: ReactNode };

export function ChartFigure({ id, caption, chart, legend, table }: Props) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="space-y-3 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <figcaption id={`${id}-caption`} className="font-semibold">
        {caption}
      </figcaption>
      <div aria-hidden="true" className="h-60 w-full text-slate-700 dark:text-slate-300" data-chart={id}>
        {chart}
      </div>
      {legend}
      {table}
    </figure>
  );
}

/** Swatches naming each series, in the page's text colour (recharts' own legend colours its text). */
export function ChartLegend({ items }: { items: { label: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-4 text-sm">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-2">
          <svg width="20" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="20" y2="5" stroke={i.color} strokeWidth="3" strokeDasharray={i.dashed ? "4 3" : undefined} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
