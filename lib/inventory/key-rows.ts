// The shape every view of a key shares: the dashboard table, `keyrotate keys --json` and the API.
import type { StoredKey } from "../db/keys.ts";
import type { KeyStatus } from "../iam/types.ts";
import { withoutExempted, type KeyExemption } from "./exemptions.ts";
import { ageInDays, computeFlags, type Flag, type Thresholds } from "./flags.ts";

export type KeyRow = {
  accountId: string;
  accountName: string | null;
  userName: string;
  accessKeyId: string;
  status: KeyStatus;
  createDate: string;
  ageDays: number;
  lastUsedDate: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
  /** The flags raised: computed from the key's facts, less those an exemption in force holds back. */
  flags: Flag[];
  /** The exemptions in force that cover the key (its own and its user's), whether or not their flag is raised now. */
  exemptions: KeyExemption[];
};

export function toKeyRow(k: StoredKey, now: Date, t: Thresholds, exemptions: KeyExemption[] = []): KeyRow {
  const flags = computeFlags(
    {
      status: k.status,
      createDate: k.createDate,
      lastUsedDate: k.lastUsedDate,
      userKeyCount: k.userKeyCount,
      locationCount: k.locationCount,
    },
    now,
    t,
  );
  return {
    accountId: k.accountId,
    accountName: k.accountName,
    userName: k.userName,
    accessKeyId: k.accessKeyId,
    status: k.status,
    createDate: k.createDate.toISOString(),
    ageDays: ageInDays(k.createDate, now),
    lastUsedDate: k.lastUsedDate?.toISOString() ?? null,
    lastUsedService: k.lastUsedDate ? k.lastUsedService : null,
    lastUsedRegion: k.lastUsedDate ? k.lastUsedRegion : null,
    flags: withoutExempted(flags, exemptions),
    exemptions,
  };
}

export type InventorySummary = { keys: number; overdue: number; dueSoon: number; usersWithTwoKeys: number; neverUsed: number; exempted: number };

export function summarize(rows: KeyRow[]): InventorySummary {
  const has = (f: Flag) => rows.filter((r) => r.flags.includes(f)).length;
  const twoKeyUsers = new Set(rows.filter((r) => r.flags.includes("two-keys")).map((r) => `${r.accountId}/${r.userName}`));
  return {
    keys: rows.length,
    overdue: has("overdue"),
    dueSoon: has("due-soon"),
    usersWithTwoKeys: twoKeyUsers.size,
    neverUsed: has("never-used"),
    exempted: rows.filter((r) => r.exemptions.length > 0).length,
  };
}
