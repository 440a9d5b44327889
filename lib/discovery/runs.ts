import "server-only";
// Keeping what a discovery saw (per system and environment), and comparing the registry with the latest
// discovery of each place: the gap report.
import { saveDiscoveryRun, latestDiscoveryRuns, type DiscoveryRunRecord } from "../db/discovery-runs.ts";
import { listKeyOwners } from "../db/keys.ts";
import { listLocations } from "../db/locations.ts";
import { computeGaps, type Gap } from "../inventory/gaps.ts";
import type { DiscoveryPlace } from "./record.ts";
import type { Occurrence } from "./scan.ts";

export async function saveRunOf(occurrences: Occurrence[], place: DiscoveryPlace, source: DiscoveryRunRecord["source"], actor: string) {
  const accountOf = new Map((await listKeyOwners()).map((o) => [o.accessKeyId, o.accountId]));
  return saveDiscoveryRun({
    ...place,
    source,
    actor,
    occurrences: occurrences.map((o) => ({ accountId: accountOf.get(o.accessKeyId) ?? null, accessKeyId: o.accessKeyId, identifier: o.identifier, file: o.file, line: o.line })),
  });
}

/** Every gap, or only those of one IAM user (a key's page). */
export async function discoveryGaps(filter: { iamUserId?: string } = {}): Promise<Gap[]> {
  const [runs, locations, owners] = await Promise.all([latestDiscoveryRuns(), listLocations(), listKeyOwners()]);
  const gaps = computeGaps(runs, locations, owners);
  return filter.iamUserId ? gaps.filter((g) => g.iamUserId === filter.iamUserId) : gaps;
}
