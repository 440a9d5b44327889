"use client";
// A labelled drop-down that filters a list: "Any" first, then the choices.
import type { ChangeEvent } from "react";

type Props = {
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string;
  onChange: (value: string) => void;
  /** What the empty choice says. */
  any?: string;
};

export const filterControl = "mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900";

export function SelectFilter({ label, options, value, onChange, any = "Any" }: Props) {
  return (
    <label className="flex flex-col text-sm">
      {label}
      <select value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value)} className={filterControl}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
