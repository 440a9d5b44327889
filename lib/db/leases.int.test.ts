import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { acquireLease, releaseLease } from "./leases.ts";

setupFreshDatabase();

describe("leases", () => {
  it("lets exactly one of many racers take a lease", async () => {
    const racers = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease("race", `holder-${i}`, 60_000)));
    expect(racers.filter((r) => r.acquired)).toHaveLength(1);
    const winner = racers.find((r) => r.acquired)!.lease.holder;
    expect(racers.filter((r) => !r.acquired).every((r) => r.lease.holder === winner)).toBe(true);
  });

  it("is taken over once it lapses, and again after its holder gives it back", async () => {
    const t0 = new Date("2026-12-01T09:00:00Z");
    expect((await acquireLease("sync", "a", 1000, t0)).acquired).toBe(true);
    expect((await acquireLease("sync", "b", 1000, new Date(t0.getTime() + 500))).acquired).toBe(false);
    expect((await acquireLease("sync", "b", 1000, new Date(t0.getTime() + 1500))).acquired).toBe(true);
    await releaseLease("sync", "a"); // no longer a's: changes nothing
    expect((await acquireLease("sync", "c", 1000, new Date(t0.getTime() + 1600))).acquired).toBe(false);
    await releaseLease("sync", "b");
    expect((await acquireLease("sync", "c", 1000, new Date(t0.getTime() + 1600))).acquired).toBe(true);
  });
});
