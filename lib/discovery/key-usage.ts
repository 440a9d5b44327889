import "server-only";
// "Find where it is used": the key's CloudTrail events in its own account, grouped by caller, each group
// with a location a person can check and record. Plain data for the browser (dates as ISO text).
import { cloudTrailFor } from "../accounts/registry.ts";
import { findKey } from "../db/keys.ts";
import { env } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { suggestLocation, type SuggestedLocation } from "../iam/index.ts";

export type UsageGroupView = {
  sourceIp: string;
  userAgent: string;
  eventSource: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  eventNames: string[];
  region: string | null;
  suggestion: SuggestedLocation;
};

export type KeyUsageView = {
  accessKeyId: string;
  accountId: string;
  userName: string;
  from: string;
  to: string;
  eventsRead: number;
  maxEvents: number;
  truncated: boolean;
  groups: UsageGroupView[];
};

export async function findUsageOfKey(accessKeyId: string, who: string): Promise<KeyUsageView> {
  const key = await findKey(accessKeyId);
  if (!key) throw new KeyrotateError("not-found", `No key ${accessKeyId} in the inventory. Sync, then try again.`);
  const maxEvents = env().KEYROTATE_CLOUDTRAIL_MAX_EVENTS;
  const cloudTrail = await cloudTrailFor(key.accountId, who);
  const report = await cloudTrail.findKeyUsage(accessKeyId, { maxEvents });
  return {
    accessKeyId,
    accountId: key.accountId,
    userName: key.userName,
    from: report.window.from.toISOString(),
    to: report.window.to.toISOString(),
    eventsRead: report.eventsRead,
    maxEvents,
    truncated: report.truncated,
    groups: report.groups.map((g) => ({ ...g, firstSeen: g.firstSeen.toISOString(), lastSeen: g.lastSeen.toISOString(), suggestion: suggestLocation(g) })),
  };
}
