import { describe, expect, it } from "vitest";
import { exemptionIndex, exemptionsOf, inForce, withoutExempted, type ExemptionRecord } from "./exemptions.ts";

const now = new Date("2026-12-01T12:00:00.000Z");
const key = { accountId: "111111111111", userName: "ci-deploy", accessKeyId: "AKIAAAAAAAAAAAAAAAA1" };
const exemption = (over: Partial<ExemptionRecord> = {}): ExemptionRecord => ({
  id: "e1",
  accountId: key.accountId,
  userName: key.userName,
  accessKeyId: key.accessKeyId,
  flag: "overdue",
  reason: "the vendor rotates it",
  expiresAt: new Date("2027-01-01T00:00:00.000Z"),
  createdBy: "Ada Admin",
  endedAt: null,
  ...over,
});

describe("exemptions", () => {
  it("is in force until it expires or is ended", () => {
    expect(inForce(exemption(), now)).toBe(true);
    expect(inForce(exemption({ expiresAt: now }), now)).toBe(false);
    expect(inForce(exemption({ endedAt: new Date("2026-11-30T00:00:00.000Z") }), now)).toBe(false);
  });

  it("covers the key it names and every key of a user it names, nothing else", () => {
    const all = [
      exemption({ id: "own" }),
      exemption({ id: "user", accessKeyId: null, flag: "stale" }),
      exemption({ id: "other key", accessKeyId: "AKIAAAAAAAAAAAAAAAA2", flag: "two-keys" }),
      exemption({ id: "other account", accountId: "222222222222", accessKeyId: null, flag: "never-used" }),
      exemption({ id: "other user", userName: "ci", accessKeyId: null, flag: "inactive" }),
      exemption({ id: "expired", flag: "due-soon", expiresAt: new Date("2026-12-01T00:00:00.000Z") }),
    ];
    expect(exemptionsOf(key, all, now).map((e) => [e.flag, e.scope])).toEqual([
      ["overdue", "key"],
      ["stale", "user"],
    ]);
    expect(exemptionIndex(all, now)(key)).toEqual(exemptionsOf(key, all, now));
  });

  it("holds back only the flags it names, so the flag returns once the exemption is gone", () => {
    expect(withoutExempted(["overdue", "two-keys"], [{ flag: "overdue" }])).toEqual(["two-keys"]);
    const later = new Date("2027-01-02T00:00:00.000Z");
    expect(withoutExempted(["overdue"], exemptionsOf(key, [exemption()], later))).toEqual(["overdue"]);
  });
});
