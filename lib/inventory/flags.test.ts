import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, FLAGS, FLAG_INFO, ageInDays, computeFlags, type FlagInput } from "./flags.ts";

const now = new Date("2026-11-29T12:00:00Z");
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 - extraMs);
const key = (over: Partial<FlagInput>): FlagInput => ({
  status: "Active",
  createDate: daysAgo(10),
  lastUsedDate: daysAgo(1),
  userKeyCount: 1,
  locationCount: 1,
  ...over,
});

describe("ageInDays", () => {
  it("counts whole days and never goes negative", () => {
    expect(ageInDays(daysAgo(90, -1), now)).toBe(89);
    expect(ageInDays(daysAgo(90), now)).toBe(90);
    expect(ageInDays(new Date(now.getTime() + 5000), now)).toBe(0);
  });
});

describe("computeFlags", () => {
  it("flags nothing on a young, used, recorded key", () => {
    expect(computeFlags(key({}), now)).toEqual([]);
  });

  it("overdue only past 90 days, and only when active", () => {
    expect(computeFlags(key({ createDate: daysAgo(90) }), now)).toEqual(["due-soon"]);
    expect(computeFlags(key({ createDate: daysAgo(91) }), now)).toEqual(["overdue"]);
    expect(computeFlags(key({ createDate: daysAgo(400), status: "Inactive" }), now)).toEqual(["inactive"]);
  });

  it("due soon from 76 days (within 14 of 90)", () => {
    expect(computeFlags(key({ createDate: daysAgo(75) }), now)).toEqual([]);
    expect(computeFlags(key({ createDate: daysAgo(76) }), now)).toEqual(["due-soon"]);
  });

  it("two keys on either key of a user with two", () => {
    expect(computeFlags(key({ userKeyCount: 2 }), now)).toEqual(["two-keys"]);
  });

  it("never used only after the 7-day grace", () => {
    expect(computeFlags(key({ lastUsedDate: null, createDate: daysAgo(7) }), now)).toEqual([]);
    expect(computeFlags(key({ lastUsedDate: null, createDate: daysAgo(8) }), now)).toEqual(["never-used"]);
  });

  it("stale when active and unused for more than 90 days", () => {
    const old = { createDate: daysAgo(60) };
    expect(computeFlags(key({ ...old, lastUsedDate: daysAgo(90) }), now)).toEqual([]);
    expect(computeFlags(key({ ...old, lastUsedDate: daysAgo(91) }), now)).toEqual(["stale"]);
    expect(computeFlags(key({ ...old, lastUsedDate: daysAgo(91), status: "Inactive" }), now)).toEqual(["inactive"]);
  });

  it("no-locations for a used active key with none recorded, not for an unknown count", () => {
    expect(computeFlags(key({ locationCount: 0 }), now)).toEqual(["no-locations"]);
    expect(computeFlags(key({ locationCount: 0, lastUsedDate: null, createDate: daysAgo(2) }), now)).toEqual([]);
    expect(computeFlags(key({ locationCount: undefined }), now)).toEqual([]);
  });

  it("combines flags in a stable order", () => {
    const flags = computeFlags(key({ createDate: daysAgo(500), lastUsedDate: null, userKeyCount: 2 }), now);
    expect(flags).toEqual(["overdue", "two-keys", "never-used"]);
  });

  it("honours configured thresholds", () => {
    const t = { ...DEFAULT_THRESHOLDS, maxKeyAgeDays: 30, dueSoonDays: 5 };
    expect(computeFlags(key({ createDate: daysAgo(26) }), now, t)).toEqual(["due-soon"]);
    expect(computeFlags(key({ createDate: daysAgo(31) }), now, t)).toEqual(["overdue"]);
  });

  it("explains every flag with its thresholds", () => {
    for (const f of FLAGS) expect(FLAG_INFO[f].explanation(DEFAULT_THRESHOLDS).length).toBeGreaterThan(10);
    expect(FLAG_INFO["never-used"].explanation(DEFAULT_THRESHOLDS)).toContain("safe to remove");
  });
});
