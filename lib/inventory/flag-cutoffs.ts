// The flags of lib/inventory/flags.ts as date bounds, so the database can count what computeFlags would
// raise without loading every key. Pure. Whole days the way ageInDays counts them: a key is older than
// N days exactly when it was created at or before now - (N + 1) days.
import { DEFAULT_THRESHOLDS, type Thresholds } from "./flags.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest moment whose whole-day age, seen from `now`, is at least `days`. */
export const agedAtLeast = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

export type FlagCutoffs = {
  /** Active keys created at or before this are overdue. */
  overdueAtOrBefore: Date;
  /** Active keys created at or before this (and not overdue) are due soon; null: every key not overdue is. */
  dueSoonAtOrBefore: Date | null;
  /** Keys never used and created at or before this are never-used. */
  neverUsedAtOrBefore: Date;
};

export function flagCutoffs(now: Date, t: Thresholds = DEFAULT_THRESHOLDS): FlagCutoffs {
  const dueSoonAge = t.maxKeyAgeDays - t.dueSoonDays;
  return {
    overdueAtOrBefore: agedAtLeast(now, t.maxKeyAgeDays + 1),
    dueSoonAtOrBefore: dueSoonAge > 0 ? agedAtLeast(now, dueSoonAge) : null,
    neverUsedAtOrBefore: agedAtLeast(now, t.neverUsedGraceDays + 1),
  };
}

/** A range of whole days of age, both ends included; `to` null: no upper end. */
export type AgeBucket = { from: number; to: number | null; label: string; overLimit: boolean };

/** Key age buckets, one edge on the policy line and one where "due soon" starts. */
export function ageBuckets(t: Thresholds = DEFAULT_THRESHOLDS): AgeBucket[] {
  const edges = [...new Set([30, 60, t.maxKeyAgeDays - t.dueSoonDays - 1, t.maxKeyAgeDays, 180, 365])].filter((e) => e >= 0).sort((a, b) => a - b);
  const buckets: AgeBucket[] = [];
  let from = 0;
  for (const to of edges) {
    if (to < from) continue;
    buckets.push({ from, to, label: `${from}–${to} days`, overLimit: from > t.maxKeyAgeDays });
    from = to + 1;
  }
  buckets.push({ from, to: null, label: `over ${from - 1} days`, overLimit: from > t.maxKeyAgeDays });
  return buckets;
}

/** Last-use buckets: recent, a month, up to the stale line, stale; "never used" is counted apart. */
export function lastUseBuckets(t: Thresholds = DEFAULT_THRESHOLDS): AgeBucket[] {
  const edges = [...new Set([7, 30, t.staleDays])].filter((e) => e >= 0).sort((a, b) => a - b);
  const buckets: AgeBucket[] = [];
  let from = 0;
  for (const to of edges) {
    if (to < from) continue;
    buckets.push({ from, to, label: `${from}–${to} days ago`, overLimit: from > t.staleDays });
    from = to + 1;
  }
  buckets.push({ from, to: null, label: `over ${from - 1} days ago`, overLimit: true });
  return buckets;
}

/** Bounds on the date whose age is bucketed. A date after `now` counts as age 0, as ageInDays has it. */
export function bucketRange(now: Date, b: AgeBucket): { gt?: Date; lte?: Date } {
  return { ...(b.from > 0 ? { lte: agedAtLeast(now, b.from) } : {}), ...(b.to === null ? {} : { gt: agedAtLeast(now, b.to + 1) }) };
}
