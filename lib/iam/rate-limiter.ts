// Paces calls to an AWS API whose quota is per account and region (CloudTrail LookupEvents: 2 per second).
// Every caller reserves the next free slot synchronously, so concurrent lookups in one account queue up
// behind each other instead of bursting; the SDK's own retries then only see throttling when AWS is busy.

export type RateLimiter = {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
};

export type RateLimiterOptions = {
  perSecond: number;
  /** Milliseconds; injected by tests that run on a virtual clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// `Date.now` is looked up on every call, so a limiter made before a test fakes the clock still follows it.
export function createRateLimiter({ perSecond, now = () => Date.now(), sleep = realSleep }: RateLimiterOptions): RateLimiter {
  if (!(perSecond > 0)) throw new RangeError(`perSecond must be positive, got ${perSecond}`);
  const interval = 1000 / perSecond;
  let nextFree = Number.NEGATIVE_INFINITY;
  return {
    async take() {
      const at = now();
      const slot = Math.max(at, nextFree);
      nextFree = slot + interval;
      if (slot > at) await sleep(slot - at);
    },
  };
}

const registry = new Map<string, RateLimiter>();

/**
 * One limiter per key for the life of the process, so every lookup against the same quota shares it.
 * The first caller's `perSecond` fixes the rate for that key.
 */
export function limiterFor(key: string, perSecond = 2): RateLimiter {
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = createRateLimiter({ perSecond });
    registry.set(key, limiter);
  }
  return limiter;
}

/** The registry key for CloudTrail's per-account, per-region quota. */
export function cloudTrailLimiterKey(accountId: string, region: string): string {
  return `cloudtrail/${accountId}/${region}`;
}
