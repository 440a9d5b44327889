import { describe, expect, it } from "vitest";
import { computeGaps, type GapLocation, type GapOwner, type GapRun } from "./gaps.ts";

const at = new Date("2026-12-01T10:00:00Z");
const owners: GapOwner[] = [
  { accountId: "111111111111", iamUserId: "u-pay", userName: "payments", accessKeyId: "AKIAPAYMENTS00000001" },
  { accountId: "111111111111", iamUserId: "u-sup", userName: "support", accessKeyId: "AKIASUPPORT000000001" },
];
const run = (occurrences: GapRun["occurrences"], system = "govuk-secrets", environment = "staging"): GapRun => ({ system, environment, at, occurrences });
const found = (accessKeyId: string, identifier: string, line = 1) => ({ accessKeyId, identifier, file: "staging.yaml", line });
const location = (over: Partial<GapLocation>): GapLocation => ({
  id: "loc-1", accountId: "111111111111", iamUserId: "u-pay", userName: "payments", accessKeyId: "AKIAPAYMENTS00000001",
  kind: "secrets-repo", system: "govuk-secrets", environment: "staging", identifier: "payments::key_id", ...over,
});

describe("computeGaps", () => {
  it("finds nothing when the latest discovery and the registry agree", () => {
    expect(computeGaps([run([found("AKIAPAYMENTS00000001", "payments::key_id")])], [location({})], owners)).toEqual([]);
  });

  it("flags a known key found under a name nobody recorded, once per name", () => {
    const gaps = computeGaps([run([found("AKIASUPPORT000000001", "support::id", 3), found("AKIASUPPORT000000001", "support::id", 9)])], [], owners);
    expect(gaps).toEqual([
      expect.objectContaining({ kind: "not-recorded", userName: "support", accessKeyId: "AKIASUPPORT000000001", identifier: "support::id", file: "staging.yaml", line: 3, discoveredAt: at }),
    ]);
  });

  it("flags a recorded location the latest discovery of its place did not find", () => {
    const gaps = computeGaps([run([])], [location({ id: "loc-gone" })], owners);
    expect(gaps).toEqual([expect.objectContaining({ kind: "not-found", locationId: "loc-gone", identifier: "payments::key_id", file: null })]);
  });

  it("matches by the key's user, so a location carried to a rotated key still matches the new id", () => {
    const rotated: GapOwner[] = [{ ...owners[0], accessKeyId: "AKIAPAYMENTS00000002" }];
    expect(computeGaps([run([found("AKIAPAYMENTS00000002", "payments::key_id")])], [location({ accessKeyId: "AKIAPAYMENTS00000002" })], rotated)).toEqual([]);
  });

  it("ignores unknown ids, other kinds, and places never discovered", () => {
    const runs = [run([found("AKIAUNKNOWN000000001", "x")])];
    const locations = [location({ id: "ci", kind: "ci-variable" }), location({ id: "prod", environment: "production" })];
    expect(computeGaps(runs, locations, owners)).toEqual([]);
  });

  it("flags a name found under another key's user as not recorded for that user", () => {
    const gaps = computeGaps([run([found("AKIASUPPORT000000001", "payments::key_id")])], [location({})], owners);
    expect(gaps.map((g) => [g.kind, g.userName])).toEqual([
      ["not-found", "payments"],
      ["not-recorded", "support"],
    ]);
  });
});
