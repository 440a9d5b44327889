import { describe, expect, it } from "vitest";
import { usageHistory } from "./usage-history.ts";

const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 12, m));
const s = (accessKeyId: string, observed: number, used: number | null) => ({ accountId: "1", accessKeyId, observedAt: at(observed), lastUsedDate: used === null ? null : at(used) });

describe("usageHistory", () => {
  it("carries each key's last use forward and merges samples taken at the same moment", () => {
    const rows = usageHistory([s("NEW", 5, null), s("OLD", 0, 0), s("OLD", 5, 4), s("NEW", 9, 8), s("OTHER", 9, 9)], "OLD", "NEW");
    expect(rows).toEqual([
      { observedAt: at(0), oldLastUsed: at(0), newLastUsed: undefined },
      { observedAt: at(5), oldLastUsed: at(4), newLastUsed: null },
      { observedAt: at(9), oldLastUsed: at(4), newLastUsed: at(8) },
    ]);
  });
});
