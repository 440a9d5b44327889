// Key last-use samples: a change is kept, a repeat is not; a rotation's window starts from the sample before it.
import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { listKeyUsage, recordKeyUsage } from "./key-usage.ts";

setupFreshDatabase();

const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 12, m));
const obs = (accessKeyId: string, used: number | null) => ({ accountId: "123456789012", accessKeyId, lastUsedDate: used === null ? null : at(used) });

describe("key usage samples", () => {
  it("keep only changes, and give a window the latest sample before it", async () => {
    expect(await recordKeyUsage([obs("AKIAOLD", 0), obs("AKIANEW", null)], at(1))).toBe(2);
    expect(await recordKeyUsage([obs("AKIAOLD", 0), obs("AKIANEW", null)], at(2))).toBe(0);
    expect(await recordKeyUsage([obs("AKIAOLD", 0), obs("AKIANEW", 3)], at(4))).toBe(1);
    expect(await recordKeyUsage([obs("AKIAOTHER", 3)], at(4))).toBe(1);

    const window = await listKeyUsage(["AKIAOLD", "AKIANEW"], at(3), at(10));
    expect(window.map((s) => [s.accessKeyId, s.observedAt.getUTCMinutes(), s.lastUsedDate?.getUTCMinutes() ?? null])).toEqual([
      ["AKIAOLD", 1, 0],
      ["AKIANEW", 1, null],
      ["AKIANEW", 4, 3],
    ]);
  });
});
