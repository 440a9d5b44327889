// "Where is this key used?" answered from CloudTrail LookupEvents in the key's account, over an injected
// CloudTrailClient (the real one, reaching AWS or a loopback fake through AWS_ENDPOINT_URL_CLOUDTRAIL, or
// aws-sdk-client-mock in unit tests). LookupEvents covers management events of the last 90 days only, and
// allows 2 requests per second per account and region: every page waits for the shared limiter.
import { CloudTrailClient, LookupEventsCommand, type Event } from "@aws-sdk/client-cloudtrail";
import { KeyrotateError } from "../errors.ts";
import { toCloudTrailError } from "./cloudtrail-errors.ts";
import { groupKeyEvents, type KeyUsageReport } from "./key-usage.ts";
import { limiterFor, type RateLimiter } from "./rate-limiter.ts";

export { groupKeyEvents, shortUserAgent, suggestLocation, UNKNOWN } from "./key-usage.ts";
export type { CallerGroup, KeyUsageReport, SuggestedLocation, TrailEvent } from "./key-usage.ts";
export { cloudTrailLimiterKey, createRateLimiter, limiterFor, type RateLimiter } from "./rate-limiter.ts";
export { toCloudTrailError } from "./cloudtrail-errors.ts";

export const LOOKUP_WINDOW_DAYS = 90;
export const LOOKUP_PAGE_SIZE = 50; // the most LookupEvents returns per page
export const DEFAULT_MAX_EVENTS = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export type CloudTrailGatewayOptions = {
  now?: () => Date;
  /**
   * Paces LookupEvents. Pass `limiterFor(cloudTrailLimiterKey(accountId, region))` when the account is
   * known; the default shares one limiter per region across all accounts, which is never too fast.
   */
  limiter?: RateLimiter;
};

export function createCloudTrailGateway(client: CloudTrailClient, opts: CloudTrailGatewayOptions = {}) {
  const now = opts.now ?? (() => new Date());

  async function limiter(): Promise<RateLimiter> {
    if (opts.limiter) return opts.limiter;
    const region = await client.config.region();
    return limiterFor(`cloudtrail/any-account/${region}`);
  }

  return {
    /** Reads the key's events newest first, page by page, until CloudTrail has no more or the cap. */
    async findKeyUsage(accessKeyId: string, { maxEvents = DEFAULT_MAX_EVENTS }: { maxEvents?: number } = {}): Promise<KeyUsageReport> {
      if (!Number.isInteger(maxEvents) || maxEvents < 1) {
        throw new KeyrotateError("invalid-input", "The event cap must be a whole number of at least 1.");
      }
      const to = now();
      const from = new Date(to.getTime() - LOOKUP_WINDOW_DAYS * DAY_MS);
      const events: Event[] = [];
      let truncated = false;
      try {
        const pace = await limiter();
        let nextToken: string | undefined;
        do {
          await pace.take();
          const page = await client.send(
            new LookupEventsCommand({
              LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: accessKeyId }],
              StartTime: from,
              EndTime: to,
              MaxResults: LOOKUP_PAGE_SIZE,
              NextToken: nextToken,
            }),
          );
          const got = page.Events ?? [];
          const room = maxEvents - events.length;
          events.push(...got.slice(0, room));
          nextToken = page.NextToken || undefined;
          if (events.length >= maxEvents && (got.length > room || nextToken)) truncated = true;
        } while (nextToken && !truncated);
      } catch (error) {
        throw toCloudTrailError(error, `looking up where ${accessKeyId} is used`);
      }
      return { accessKeyId, window: { from, to }, eventsRead: events.length, truncated, groups: groupKeyEvents(events) };
    },
  };
}

export type CloudTrailGateway = ReturnType<typeof createCloudTrailGateway>;
