import { afterEach, describe, expect, it, vi } from "vitest";
import { cloudTrailLimiterKey, createRateLimiter, limiterFor } from "./rate-limiter.ts";

// A clock that only moves when told to, and a sleep that records how long it was asked to wait.
function stillClock() {
  let t = 0;
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void waits.push(ms), advance: (ms: number) => (t += ms), waits };
}

describe("createRateLimiter", () => {
  afterEach(() => vi.useRealTimers());

  it("gives concurrent callers slots 1/perSecond apart", async () => {
    const clock = stillClock();
    const limiter = createRateLimiter({ perSecond: 2, now: clock.now, sleep: clock.sleep });
    // Slots are reserved synchronously: the first goes at once, the others wait 500 ms more each.
    await Promise.all(Array.from({ length: 5 }, () => limiter.take()));
    expect(clock.waits).toEqual([500, 1000, 1500, 2000]);
  });

  it("makes 5 calls at 2/s take at least 2 seconds of fake time", async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = createRateLimiter({ perSecond: 2 });
    const at: number[] = [];
    const all = Promise.all(Array.from({ length: 5 }, () => limiter.take().then(() => at.push(Date.now()))));
    await vi.runAllTimersAsync();
    await all;
    expect(at).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it("lets a call through at once after a quiet spell", async () => {
    const clock = stillClock();
    const limiter = createRateLimiter({ perSecond: 2, now: clock.now, sleep: clock.sleep });
    await limiter.take();
    clock.advance(2000);
    await limiter.take(); // the quota refilled: no wait
    await limiter.take(); // right after the previous one: half a second
    expect(clock.waits).toEqual([500]);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow(RangeError);
  });
});

describe("limiterFor", () => {
  afterEach(() => vi.useRealTimers());

  it("gives the same limiter for the same account and region, another for another account", () => {
    const a = limiterFor(cloudTrailLimiterKey("111122223333", "eu-west-1"));
    expect(limiterFor(cloudTrailLimiterKey("111122223333", "eu-west-1"))).toBe(a);
    expect(limiterFor(cloudTrailLimiterKey("444455556666", "eu-west-1"))).not.toBe(a);
    expect(limiterFor(cloudTrailLimiterKey("111122223333", "us-east-1"))).not.toBe(a);
  });

  it("makes two lookups in one account share 2 requests per second", async () => {
    vi.useFakeTimers({ now: 0 });
    const key = cloudTrailLimiterKey("777788889999", "eu-west-2");
    const at: number[] = [];
    const lookup = async () => {
      for (let i = 0; i < 3; i++) {
        await limiterFor(key).take();
        at.push(Date.now());
      }
    };
    const both = Promise.all([lookup(), lookup()]);
    await vi.runAllTimersAsync();
    await both;
    expect(at).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });
});
