import { describe, expect, it } from "vitest";
import { SAMPLE_REASON, availableEventsOf, sharedCandidates, type Candidate, type KindButtons } from "./availability.ts";
import type { RefusalOf } from "./types.ts";

const item = (locationId: string, ticked: boolean) => ({ locationId, updatedAt: ticked ? new Date(0) : null, note: null });

describe("sharedCandidates", () => {
  it("offers one tick or untick per location, then finishing, while distributing", () => {
    expect(sharedCandidates({ step: "distribute", checklist: [item("a", false), item("b", true)] })).toEqual([
      { event: { type: "mark-location-updated", locationId: "a" }, target: "a" },
      { event: { type: "unmark-location-updated", locationId: "b" }, target: "b" },
      { event: { type: "finish-distribution" } },
    ]);
  });

  it("offers notifying, skipping with a reason and deactivating while retiring", () => {
    expect(sharedCandidates({ step: "retire" })?.map((c) => c.event)).toEqual([
      { type: "send-notification" },
      { type: "skip-notification", reason: SAMPLE_REASON },
      { type: "deactivate-old" },
    ]);
  });

  it("leaves a step of the kind's own to the kind", () => {
    expect(sharedCandidates({ step: "resolve-two-keys" })).toBeNull();
    expect(sharedCandidates({ step: "done" })).toBeNull();
  });
});

describe("availableEventsOf", () => {
  type Own = { type: "delete-old" };
  type State = { step: "retire" | "old-inactive" | "done" };
  const own = (state: State): Candidate<Own>[] | null => (state.step === "old-inactive" ? [{ event: { type: "delete-old" }, target: "k" }] : null);
  const refuseAll = (): RefusalOf<"quiet" | "other"> => ({ ok: false, code: "quiet", message: "not yet" });
  const kind: KindButtons<State, Own, "quiet" | "other"> = { own, offersCancel: () => true, transition: refuseAll, role: "admin", overridableCodes: new Set(["quiet"]) };

  it("offers the shared buttons, then the kind's own, then cancel when the kind offers it", () => {
    const accept = (): { ok: true } => ({ ok: true });
    expect(availableEventsOf({ step: "old-inactive" }, { ...kind, transition: accept })).toEqual([
      { type: "delete-old", target: "k", allowed: true },
      { type: "cancel", allowed: true },
    ]);
    expect(availableEventsOf({ step: "retire" }, { ...kind, offersCancel: () => false, transition: accept }).map((a) => a.type)).toEqual([
      "send-notification",
      "skip-notification",
      "deactivate-old",
    ]);
    expect(availableEventsOf({ step: "done" }, kind)).toEqual([]);
  });

  it("lets only an admin override, only a deactivation, only for the kind's overridable codes", () => {
    const deactivate = (k: typeof kind) => availableEventsOf({ step: "retire" }, k).find((a) => a.type === "deactivate-old");
    expect(availableEventsOf({ step: "retire" }, kind)[0]).toEqual({ type: "send-notification", allowed: false, code: "quiet", message: "not yet", overridable: false });
    expect(deactivate(kind)).toMatchObject({ allowed: false, code: "quiet", overridable: true });
    expect(deactivate({ ...kind, role: "rotator" })).toMatchObject({ overridable: false });
    expect(deactivate({ ...kind, overridableCodes: new Set(["other"]) })).toMatchObject({ overridable: false });
  });
});
