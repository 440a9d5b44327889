import { describe, expect, it } from "vitest";
import { ageInDays, computeFlags } from "./flags.ts";
import { ageBuckets, flagCutoffs, lastUseBuckets } from "./flag-cutoffs.ts";

const now = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;

describe("flagCutoffs", () => {
  it("puts the overdue edge exactly where computeFlags turns a key overdue", () => {
    const { overdueAtOrBefore } = flagCutoffs(now);
    const at = (ms: number) => computeFlags({ status: "Active", createDate: new Date(ms), lastUsedDate: now, userKeyCount: 1 }, now);
    expect(at(overdueAtOrBefore.getTime())).toContain("overdue");
    expect(at(overdueAtOrBefore.getTime() + 1)).not.toContain("overdue");
    expect(at(overdueAtOrBefore.getTime() + 1)).toContain("due-soon");
  });
});

describe("buckets", () => {
  it("cover every whole day once, with edges on the policy and due-soon lines", () => {
    const buckets = ageBuckets();
    expect(buckets.map((b) => b.label)).toEqual(["0–30 days", "31–60 days", "61–75 days", "76–90 days", "91–180 days", "181–365 days", "over 365 days"]);
    expect(buckets.filter((b) => b.overLimit).map((b) => b.from)).toEqual([91, 181, 366]);
    for (let d = 0; d < 500; d++) expect(buckets.filter((b) => d >= b.from && (b.to === null || d <= b.to))).toHaveLength(1);
    expect(ageInDays(new Date(now.getTime() - 91 * DAY), now)).toBe(91);
  });

  it("follow configured thresholds", () => {
    const t = { maxKeyAgeDays: 30, dueSoonDays: 5, neverUsedGraceDays: 2, staleDays: 20 };
    expect(ageBuckets(t).map((b) => b.label)).toEqual(["0–24 days", "25–30 days", "31–60 days", "61–180 days", "181–365 days", "over 365 days"]);
    expect(lastUseBuckets(t).map((b) => b.label)).toEqual(["0–7 days ago", "8–20 days ago", "21–30 days ago", "over 30 days ago"]);
  });
});
