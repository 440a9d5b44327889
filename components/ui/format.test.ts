import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, timeAgo } from "./format.ts";

describe("format", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  it("renders never for a missing date", () => {
    expect(formatDate(null)).toBe("never");
    expect(formatDateTime(null)).toBe("never");
  });
  it("renders UTC dates", () => {
    expect(formatDate("2026-01-02T23:59:00Z")).toBe("2026-01-02");
    expect(formatDateTime(new Date("2026-01-02T23:59:00Z"))).toBe("2026-01-02 23:59 UTC");
  });
  it("says how long ago", () => {
    expect(timeAgo(new Date(now.getTime() - 30_000), now)).toBe("just now");
    expect(timeAgo(new Date(now.getTime() - 60_000), now)).toBe("1 minute ago");
    expect(timeAgo(new Date(now.getTime() - 5 * 60_000), now)).toBe("5 minutes ago");
    expect(timeAgo(new Date(now.getTime() - 3 * 3_600_000), now)).toBe("3 hours ago");
    expect(timeAgo(new Date(now.getTime() - 3 * 86_400_000), now)).toBe("3 days ago");
  });
});
