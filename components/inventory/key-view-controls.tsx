"use client";
// The filters above the keys table and the pager below it; each change is a new URL (use-key-view.ts).
import { useRef, useState } from "react";
import { FLAGS, FLAG_INFO, type FlagFilter } from "@/lib/inventory/flags.ts";
import { PAGE_SIZES, type KeyView, type PageSize } from "@/lib/inventory/key-view.ts";
import type { KeyStatus } from "@/lib/iam/types.ts";
import { secondaryButton } from "../ui/button.ts";
import { Options } from "../ui/field.tsx";
import { SelectFilter, filterControl } from "../ui/select-filter.tsx";

const STATUSES = [
  { value: "Active", label: "Active" },
  { value: "Inactive", label: "Inactive" },
];

type Change = (next: Partial<KeyView>, opts?: { replace?: boolean }) => void;

type FilterProps = { view: KeyView; accounts: Array<{ id: string; name: string | null }>; teams: string[]; change: Change };

// The owner select's value for "keys whose user has no owning team" (noOwner=1 in the URL). Team names
// are trimmed, so no team can be called this.
const NO_OWNER = " no owner";

export function KeyFilters({ view, accounts, teams, change }: FilterProps) {
  const [text, setText] = useState(view.q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Typing asks the server once the person pauses, not on every keystroke.
  const onText = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => change({ q: value.trim() }, { replace: true }), 250);
  };
  return (
    <>
      <label className="flex flex-col text-sm">
        Filter
        <input type="search" value={text} onChange={(e) => onText(e.target.value)} placeholder="User, key id or account" className={`${filterControl} w-64`} />
      </label>
      <SelectFilter
        label="Flag"
        value={view.flag ?? ""}
        options={[...FLAGS.map((f) => ({ value: f, label: FLAG_INFO[f].label })), { value: "exempted", label: "Exempted" }]}
        onChange={(v) => change({ flag: (v || null) as FlagFilter | null })}
      />
      <SelectFilter label="Status" value={view.status ?? ""} options={STATUSES} onChange={(v) => change({ status: (v || null) as KeyStatus | null })} />
      <SelectFilter
        label="Owner"
        value={view.noOwner ? NO_OWNER : (view.owner ?? "")}
        options={[...teams.map((t) => ({ value: t, label: t })), { value: NO_OWNER, label: "No owner" }]}
        onChange={(v) => change({ owner: v && v !== NO_OWNER ? v : null, noOwner: v === NO_OWNER })}
      />
      {(accounts.length > 1 || view.account) && (
        <SelectFilter
          label="Account"
          value={view.account ?? ""}
          options={accounts.map((a) => ({ value: a.id, label: a.name ?? a.id }))}
          onChange={(v) => change({ account: v || null })}
        />
      )}
    </>
  );
}

type PagerProps = { view: KeyView; page: number; pages: number; change: Change };

export function KeyPager({ view, page, pages, change }: PagerProps) {
  return (
    <nav aria-label="Pages of keys" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <button type="button" className={secondaryButton} disabled={page <= 1} onClick={() => change({ page: page - 1 })}>
        Previous page
      </button>
      <span data-testid="page-of">
        Page {page} of {pages}
      </span>
      <button type="button" className={secondaryButton} disabled={page >= pages} onClick={() => change({ page: page + 1 })}>
        Next page
      </button>
      <label className="ml-auto flex items-center gap-2">
        Rows per page
        <select value={view.size} onChange={(e) => change({ size: Number(e.target.value) as PageSize })} className={filterControl.replace("mt-1 ", "")}>
          <Options values={PAGE_SIZES} />
        </select>
      </label>
    </nav>
  );
}
