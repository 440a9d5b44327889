import { describe, expect, it } from "vitest";
import { checklistIncomplete, confirmedAudit, confirmedLocationIds, tickLocation, unknownLocation } from "./locations.ts";

describe("confirmedLocationIds", () => {
  it("keeps each location once", () => {
    expect(confirmedLocationIds({ locationIds: ["a", "b", "a"] }, "none")).toEqual({ ok: true, locationIds: ["a", "b"] });
  });

  it("refuses a blank location id", () => {
    expect(confirmedLocationIds({ locationIds: ["a", " "] }, "none")).toMatchObject({ ok: false, code: "invalid-input" });
  });

  it("takes no locations only when acknowledged, and words the refusal as the kind asks", () => {
    expect(confirmedLocationIds({ locationIds: [] }, "Record them first.")).toEqual({ ok: false, code: "no-locations-unacknowledged", message: "Record them first." });
    expect(confirmedLocationIds({ locationIds: [], acknowledgeNoLocations: true }, "x")).toEqual({ ok: true, locationIds: [] });
  });
});

describe("confirmedAudit", () => {
  it("counts the locations, or says there are none", () => {
    expect(confirmedAudit(["a", "b"], "key AKIA1")).toBe("Confirmed 2 location(s) for key AKIA1.");
    expect(confirmedAudit([], "smtp-user")).toBe("Confirmed smtp-user is used in no recorded location.");
  });
});

const T = new Date("2026-01-01T00:00:00Z");
const list = [
  { locationId: "a", updatedAt: null, note: null },
  { locationId: "b", updatedAt: T, note: "done" },
];

describe("the checklist", () => {
  it("refuses a location that is not on it", () => {
    expect(unknownLocation(list, "a")).toBeNull();
    expect(unknownLocation(list, "z")).toMatchObject({ ok: false, code: "unknown-location" });
  });

  it("ticks a location with its trimmed note, or unticks it and forgets the note", () => {
    const ticked = tickLocation(list, { type: "mark-location-updated", locationId: "a", note: " redeployed " }, T, "the new key");
    expect(ticked.checklist[0]).toEqual({ locationId: "a", updatedAt: T, note: "redeployed" });
    expect(ticked.audit).toBe("Location a has the new key (redeployed).");
    const unticked = tickLocation(list, { type: "unmark-location-updated", locationId: "b" }, T, "the new key");
    expect(unticked.checklist[1]).toEqual({ locationId: "b", updatedAt: null, note: null });
    expect(unticked.audit).toBe("Location b marked as not yet updated.");
  });

  it("is incomplete while a location waits, naming each", () => {
    expect(checklistIncomplete(list, "the new SMTP credentials")?.message).toMatch(/^1 of 2 location\(s\) still need the new SMTP credentials: a\./);
    expect(checklistIncomplete([list[1]], "the new key")).toBeNull();
  });
});
