// What needs doing with a key, computed from its facts alone. Pure: `now` and thresholds are passed.
import type { KeyStatus } from "../iam/types.ts";
export const FLAGS = ["overdue", "due-soon", "two-keys", "never-used", "inactive", "stale", "no-locations"] as const;
export type Flag = (typeof FLAGS)[number];
/** What a flag filter may ask for: a raised flag, or the keys carrying an exemption. */
export const FLAG_FILTERS = [...FLAGS, "exempted"] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

export type Thresholds = {
  maxKeyAgeDays: number;
  dueSoonDays: number;
  neverUsedGraceDays: number;
  staleDays: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = { maxKeyAgeDays: 90, dueSoonDays: 14, neverUsedGraceDays: 7, staleDays: 90 };

export const FLAG_INFO: Record<Flag, { label: string; explanation: (t: Thresholds) => string }> = {
  overdue: {
    label: "Overdue",
    explanation: (t) => `Active and older than ${t.maxKeyAgeDays} days: rotate it now.`,
  },
  "due-soon": {
    label: "Due soon",
    explanation: (t) => `Reaches ${t.maxKeyAgeDays} days within ${t.dueSoonDays} days: plan the rotation.`,
  },
  "two-keys": {
    label: "Two keys",
    explanation: () => "The user has two keys: finish the rotation in progress, or remove the unused one.",
  },
  "never-used": {
    label: "Never used",
    explanation: (t) => `No recorded use after ${t.neverUsedGraceDays} days: safe to remove.`,
  },
  inactive: {
    label: "Inactive",
    explanation: () => "Inactive but still present: delete it once nothing has tried to use it.",
  },
  stale: {
    label: "Stale",
    explanation: (t) => `Active but unused for ${t.staleDays} days: check it is still needed, then remove it.`,
  },
  "no-locations": {
    label: "No locations",
    explanation: () => "Used, but nobody recorded where: find and record its locations before rotating.",
  },
};

export type FlagInput = {
  status: KeyStatus;
  createDate: Date;
  lastUsedDate: Date | null;
  userKeyCount: number;
  /** Omitted where locations are not known; then `no-locations` is never raised. */
  locationCount?: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days elapsed, the way the IAM console counts a key's age. */
export function ageInDays(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
}

export function computeFlags(key: FlagInput, now: Date, t: Thresholds = DEFAULT_THRESHOLDS): Flag[] {
  const flags: Flag[] = [];
  const active = key.status === "Active";
  const age = ageInDays(key.createDate, now);
  if (active && age > t.maxKeyAgeDays) flags.push("overdue");
  else if (active && age >= t.maxKeyAgeDays - t.dueSoonDays) flags.push("due-soon");
  if (key.userKeyCount > 1) flags.push("two-keys");
  if (!key.lastUsedDate && age > t.neverUsedGraceDays) flags.push("never-used");
  if (!active) flags.push("inactive");
  if (active && key.lastUsedDate && ageInDays(key.lastUsedDate, now) > t.staleDays) flags.push("stale");
  if (active && key.lastUsedDate && key.locationCount === 0) flags.push("no-locations");
  return flags;
}
