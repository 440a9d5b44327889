// Both keys' last use over a rotation, one row per moment either changed: each key's value carried forward
// from its latest sample. Pure.
import type { KeyUsageSampleRecord } from "../db/key-usage.ts";

export type UsageHistoryRow = { observedAt: Date; oldLastUsed: Date | null | undefined; newLastUsed: Date | null | undefined };

/** `undefined`: the key had no sample yet (not yet created, or not yet observed); null: observed, never used. */
export function usageHistory(samples: KeyUsageSampleRecord[], oldKeyId: string | null, newKeyId: string | null): UsageHistoryRow[] {
  const sorted = [...samples].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  const rows: UsageHistoryRow[] = [];
  let oldLastUsed: Date | null | undefined;
  let newLastUsed: Date | null | undefined;
  for (const s of sorted) {
    if (s.accessKeyId === oldKeyId) oldLastUsed = s.lastUsedDate;
    else if (s.accessKeyId === newKeyId) newLastUsed = s.lastUsedDate;
    else continue;
    const last = rows.at(-1);
    if (last && last.observedAt.getTime() === s.observedAt.getTime()) rows.pop();
    rows.push({ observedAt: s.observedAt, oldLastUsed, newLastUsed });
  }
  return rows;
}
