// What CloudTrail says about who uses an access key, as plain objects: events grouped by caller, and a
// location a person can record from a group. Pure: the gateway in cloudtrail.ts feeds it.
import type { LocationKind } from "../locations/schema.ts";

/** The fields of a LookupEvents event we read (the SDK's `Event` fits this shape). */
export type TrailEvent = {
  EventName?: string;
  EventTime?: Date;
  EventSource?: string;
  CloudTrailEvent?: string;
};

export type CallerGroup = {
  sourceIp: string;
  userAgent: string;
  eventSource: string;
  firstSeen: Date;
  lastSeen: Date;
  count: number;
  /** Distinct, most frequent first, at most 5. */
  eventNames: string[];
  /** The region most of the group's events named; null when none did. */
  region: string | null;
};

export type KeyUsageReport = {
  accessKeyId: string;
  window: { from: Date; to: Date };
  eventsRead: number;
  /** The event cap stopped the lookup while CloudTrail had more events. */
  truncated: boolean;
  groups: CallerGroup[];
};

export type SuggestedLocation = {
  kind: Extract<LocationKind, "other" | "ci-variable" | "app-config" | "third-party">;
  system: string;
  identifier: string;
  notes: string;
};

/** What a field reads when CloudTrail did not say (or its event JSON did not parse). */
export const UNKNOWN = "unknown";
const MAX_EVENT_NAMES = 5;

type Detail = { sourceIPAddress?: unknown; userAgent?: unknown; eventSource?: unknown; awsRegion?: unknown; eventTime?: unknown; eventName?: unknown };

function parseDetail(raw: string | undefined): Detail {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Detail) : {};
  } catch {
    return {};
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function timeOf(event: TrailEvent, detail: Detail): number | undefined {
  const top = event.EventTime?.getTime();
  if (top !== undefined && !Number.isNaN(top)) return top;
  const parsed = typeof detail.eventTime === "string" ? Date.parse(detail.eventTime) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Keys of `counts`, most frequent first, ties alphabetical. */
function byFrequency(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

type Acc = Omit<CallerGroup, "firstSeen" | "lastSeen" | "eventNames" | "region"> & {
  first: number;
  last: number;
  names: Map<string, number>;
  regions: Map<string, number>;
};

function bump(counts: Map<string, number>, key: string | undefined) {
  if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Groups events by source IP, user agent and event source; the biggest group first. */
export function groupKeyEvents(events: readonly TrailEvent[]): CallerGroup[] {
  const groups = new Map<string, Acc>();
  for (const event of events) {
    const detail = parseDetail(event.CloudTrailEvent);
    const sourceIp = text(detail.sourceIPAddress) ?? UNKNOWN;
    const userAgent = text(detail.userAgent) ?? UNKNOWN;
    const eventSource = text(detail.eventSource) ?? text(event.EventSource) ?? UNKNOWN;
    const id = JSON.stringify([sourceIp, userAgent, eventSource]);
    let g = groups.get(id);
    if (!g) {
      g = { sourceIp, userAgent, eventSource, count: 0, first: Infinity, last: -Infinity, names: new Map(), regions: new Map() };
      groups.set(id, g);
    }
    g.count++;
    const at = timeOf(event, detail);
    if (at !== undefined) {
      g.first = Math.min(g.first, at);
      g.last = Math.max(g.last, at);
    }
    bump(g.names, text(event.EventName) ?? text(detail.eventName));
    bump(g.regions, text(detail.awsRegion));
  }
  return [...groups.values()]
    .map(({ first, last, names, regions, ...g }) => ({
      ...g,
      // LookupEvents always dates its events; epoch 0 only guards a hand-made event without a time.
      firstSeen: new Date(Number.isFinite(first) ? first : 0),
      lastSeen: new Date(Number.isFinite(last) ? last : 0),
      eventNames: byFrequency(names).slice(0, MAX_EVENT_NAMES),
      region: byFrequency(regions)[0] ?? null,
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.lastSeen.getTime() - a.lastSeen.getTime() ||
        `${a.sourceIp} ${a.userAgent} ${a.eventSource}`.localeCompare(`${b.sourceIp} ${b.userAgent} ${b.eventSource}`),
    );
}

// Location fields are single-line text: CloudTrail copies user agents verbatim from the caller.
function clean(value: string, max: number): string {
  const flat = value.replace(/\p{Cc}+/gu, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const CI_SYSTEMS: [RegExp, string][] = [
  [/terraform/i, "Terraform"],
  [/github|configure-aws-credentials/i, "GitHub Actions"],
  [/gitlab/i, "GitLab CI"],
  [/jenkins/i, "Jenkins"],
  [/circleci/i, "CircleCI"],
  [/bitbucket/i, "Bitbucket Pipelines"],
];
const PRODUCT = /^(terraform|aws-cli|aws-sdk-[\w-]+|boto3|botocore|aws-powertools[\w-]*)\/\S+$/i;
const AWS_SERVICE = /(^|\.)amazonaws\.com$|^AWS Internal$/i;

/** The product token of a user agent ("aws-sdk-go/1.55.5", "Terraform/1.9.5"), never the APN prefix. */
export function shortUserAgent(userAgent: string): string {
  const tokens = userAgent.split(/\s+/).filter(Boolean);
  const picked = tokens.find((t) => PRODUCT.test(t)) ?? tokens.find((t) => !/^APN\//i.test(t)) ?? UNKNOWN;
  return clean(picked, 60);
}

function kindAndSystem(group: CallerGroup): Pick<SuggestedLocation, "kind" | "system"> {
  const ci = CI_SYSTEMS.find(([pattern]) => pattern.test(group.userAgent));
  if (ci) return { kind: "ci-variable", system: ci[1] };
  if (AWS_SERVICE.test(group.sourceIp)) return { kind: "app-config", system: clean(group.sourceIp, 100) };
  // AWS Partner Network products put "APN/1.0 <Vendor>/<version>" first in their user agent.
  const partner = /^APN\/\S+\s+([^/\s]+)\//i.exec(group.userAgent);
  if (partner) return { kind: "third-party", system: clean(partner[1], 100) };
  const product = shortUserAgent(group.userAgent).split("/")[0];
  return { kind: "other", system: clean(product || UNKNOWN, 100) };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A location prefilled from a caller group; the person checks and completes it before it is saved. */
export function suggestLocation(group: CallerGroup): SuggestedLocation {
  const ip = clean(group.sourceIp, 100);
  const identifier = clean(`cloudtrail: ${ip} ${shortUserAgent(group.userAgent)}`, 199);
  const calls = `${group.count} call${group.count === 1 ? "" : "s"}`;
  const names = group.eventNames.length ? ` (${group.eventNames.join(", ")})` : "";
  const where = group.region ? ` in ${group.region}` : "";
  const notes = clean(
    `CloudTrail saw ${calls} to ${group.eventSource}${names} from ${ip}${where}, ` +
      `${day(group.firstSeen)} to ${day(group.lastSeen)}. User agent: ${group.userAgent}`,
    1900,
  );
  return { ...kindAndSystem(group), identifier, notes };
}
