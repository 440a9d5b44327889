import { describe, expect, it } from "vitest";
import {
  lastUsedFromSlot,
  matchReportSlots,
  needsLastUsedCall,
  type CredentialReportRow,
  type KeySlot,
  type KnownKey,
} from "./credential-report.ts";

const EMPTY: KeySlot = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
const T1 = "2026-06-01T10:00:00";
const T2 = "2026-11-20T08:30:00";

function slot(createdIso: string, active = true, lastUsed?: { at: string; service?: string; region?: string }): KeySlot {
  return {
    active,
    // The report writes seconds only; the database holds IAM's CreateDate, which may carry milliseconds.
    lastRotated: new Date(`${createdIso}+00:00`),
    lastUsedDate: lastUsed ? new Date(`${lastUsed.at}Z`) : null,
    lastUsedRegion: lastUsed?.region ?? null,
    lastUsedService: lastUsed?.service ?? null,
  };
}

const row = (first: KeySlot, second: KeySlot = EMPTY): CredentialReportRow => ({
  userName: "app",
  arn: "arn:aws:iam::123456789012:user/app",
  userCreationTime: new Date("2026-01-01T00:00:00Z"),
  keys: [first, second],
});

const key = (accessKeyId: string, createdIso: string, status: KnownKey["status"] = "Active"): KnownKey => ({
  accessKeyId,
  createDate: new Date(`${createdIso}.417Z`),
  status,
});

const OLD = key("AKIAOLD0000000000001", T1);
const NEW = key("AKIANEW0000000000002", T2);

describe("matchReportSlots", () => {
  it("is the same when every slot matches one known key to the second, with the same status", () => {
    const match = matchReportSlots(row(slot(T1), slot(T2, false)), [OLD, { ...NEW, status: "Inactive" }]);
    expect(match.kind).toBe("same");
    if (match.kind !== "same") return;
    expect(match.keys.map((k) => [k.accessKeyId, k.slot.lastRotated?.toISOString()])).toEqual([
      [OLD.accessKeyId, `${T1}.000Z`],
      [NEW.accessKeyId, `${T2}.000Z`],
    ]);
  });

  it("is the same for a user without keys and a report without slots", () => {
    expect(matchReportSlots(row(EMPTY), [])).toEqual({ kind: "same", keys: [] });
  });

  it("is ambiguous when two known keys were created in the same second", () => {
    const twin = key("AKIATWIN000000000003", T1);
    const match = matchReportSlots(row(slot(T1), slot(T1)), [OLD, twin]);
    expect(match).toMatchObject({ kind: "ambiguous", reason: expect.stringMatching(/same second/) });
  });

  it("is ambiguous when two report slots share a second the database cannot tell apart", () => {
    expect(matchReportSlots(row(slot(T1), slot(T1)), [OLD]).kind).toBe("ambiguous");
  });

  it("sees the first key deleted when the second moves into slot 1, and does not credit it to the first", () => {
    // Before: slot 1 = OLD, slot 2 = NEW. OLD deleted: IAM now shows NEW in slot 1 and slot 2 empty.
    const used = { at: "2026-11-30T09:00:00", service: "s3", region: "eu-west-2" };
    const match = matchReportSlots(row(slot(T2, true, used)), [OLD, NEW]);
    expect(match.kind).toBe("changed");
    if (match.kind !== "changed") return;
    expect(match.reason).toContain(OLD.accessKeyId);
    expect(match.reason).not.toContain(NEW.accessKeyId);
    // Once the caller has listed the keys again, NEW is matched from slot 1 with its own last use.
    const again = matchReportSlots(row(slot(T2, true, used)), [NEW]);
    expect(again.kind === "same" && again.keys).toEqual([{ accessKeyId: NEW.accessKeyId, slot: slot(T2, true, used) }]);
  });

  it("is changed when a key's status flipped", () => {
    const match = matchReportSlots(row(slot(T1, false)), [OLD]);
    expect(match).toEqual({ kind: "changed", reason: `${OLD.accessKeyId} is Inactive in IAM, Active in the database` });
  });

  it("is changed when IAM has a key the database does not know", () => {
    const match = matchReportSlots(row(slot(T1), slot(T2)), [OLD]);
    expect(match).toMatchObject({ kind: "changed", reason: expect.stringContaining(`${T2}.000Z`) });
  });

  it("is changed when a known key was replaced by one created at another time", () => {
    expect(matchReportSlots(row(slot(T2)), [OLD]).kind).toBe("changed");
  });
});

describe("last use from a slot", () => {
  it("says moto's not_supported service is missing, so a changed date needs GetAccessKeyLastUsed", () => {
    const fromReport = lastUsedFromSlot(slot(T1, true, { at: "2026-11-30T09:00:00" }));
    expect(fromReport).toEqual({ lastUsedDate: new Date("2026-11-30T09:00:00Z"), service: null, region: null, complete: false });
    expect(needsLastUsedCall(fromReport, { lastUsedDate: new Date("2026-11-29T09:00:00Z") })).toBe(true);
    expect(needsLastUsedCall(fromReport, { lastUsedDate: null })).toBe(true);
    // Same second as stored: the stored service and region still hold.
    expect(needsLastUsedCall(fromReport, { lastUsedDate: new Date("2026-11-30T09:00:00.650Z") })).toBe(false);
  });

  it("takes AWS's service and region as they are, and never calls for them", () => {
    const fromReport = lastUsedFromSlot(slot(T1, true, { at: "2026-11-30T09:00:00", service: "iam" }));
    expect(fromReport).toEqual({ lastUsedDate: new Date("2026-11-30T09:00:00Z"), service: "iam", region: null, complete: true });
    expect(needsLastUsedCall(fromReport, { lastUsedDate: null })).toBe(false);
  });

  it("reports a never-used key as complete with nothing to fetch", () => {
    const fromReport = lastUsedFromSlot(slot(T1));
    expect(fromReport).toEqual({ lastUsedDate: null, service: null, region: null, complete: true });
    expect(needsLastUsedCall(fromReport, { lastUsedDate: null })).toBe(false);
  });
});
