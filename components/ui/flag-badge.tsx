import { FLAG_INFO, type Flag, type Thresholds } from "@/lib/inventory/flags.ts";
import type { KeyExemption } from "@/lib/inventory/exemptions.ts";
import { formatDate } from "./format.ts";
import { Hint } from "./hint.tsx";

const tone: Record<Flag, string> = {
  overdue: "bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  "due-soon": "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  "two-keys": "bg-violet-100 text-violet-800 ring-violet-300 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800",
  "never-used": "bg-sky-100 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  inactive: "bg-slate-200 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  stale: "bg-orange-100 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  "no-locations": "bg-pink-100 text-pink-800 ring-pink-300 dark:bg-pink-950 dark:text-pink-200 dark:ring-pink-800",
};

const badge = "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset";

export function FlagBadge({ flag, thresholds }: { flag: Flag; thresholds: Thresholds }) {
  return <Hint label={FLAG_INFO[flag].label} hint={FLAG_INFO[flag].explanation(thresholds)} data={{ "data-flag": flag }} className={`${badge} ${tone[flag]}`} />;
}

/** An exemption in force: never hides the key, says which flag it holds back, until when, and why. */
export function ExemptionBadge({ exemption: e }: { exemption: KeyExemption }) {
  const whose = e.scope === "user" ? "every key of this user" : "this key";
  return (
    <Hint
      label={`Exempt: ${FLAG_INFO[e.flag].label} until ${formatDate(e.expiresAt)}`}
      hint={`${e.createdBy} exempted ${whose} from "${FLAG_INFO[e.flag].label}" until ${formatDate(e.expiresAt)}: ${e.reason}`}
      data={{ "data-exempt": e.flag }}
      className={`${badge} border border-dashed border-slate-500 bg-white text-slate-800 ring-transparent dark:bg-slate-900 dark:text-slate-100`}
    />
  );
}

/** A key's raised flags, then its exemptions. */
export function FlagBadges({ flags, exemptions, thresholds }: { flags: Flag[]; exemptions: KeyExemption[]; thresholds: Thresholds }) {
  return (
    <>
      {flags.map((f) => (
        <FlagBadge key={f} flag={f} thresholds={thresholds} />
      ))}
      {exemptions.map((e) => (
        <ExemptionBadge key={`${e.scope}-${e.flag}`} exemption={e} />
      ))}
    </>
  );
}
