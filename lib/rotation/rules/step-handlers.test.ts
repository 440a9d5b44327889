import { describe, expect, it } from "vitest";
import { HOUR, NEW, OLD, T0, at, ctx, key, must, stateAt, states } from "../../testing/rotation-fixtures.ts";
import { transition } from "./machine.ts";
import type { RotationEvent } from "./types.ts";

describe("resolve-two-keys", () => {
  const unusedNew = key(NEW, { lastUsedDate: null });

  it("removes a never-used key (deactivate, then delete) and continues with the used one", () => {
    const event: RotationEvent = { type: "remove-unused-key", accessKeyId: NEW };
    const result = must(transition(states.resolve(), event, ctx([key(OLD), unusedNew])));
    expect(result.effects).toEqual([
      { type: "set-key-status", accessKeyId: NEW, status: "Inactive" },
      { type: "delete-key", accessKeyId: NEW },
    ]);
    expect(result.state).toMatchObject({ step: "confirm-locations", oldKeyId: OLD });
  });

  it("retires the remaining key too when neither was ever used", () => {
    const keys = [key(OLD, { lastUsedDate: null }), unusedNew];
    const result = must(transition(states.resolve(), { type: "remove-unused-key", accessKeyId: NEW }, ctx(keys)));
    expect(result.state).toMatchObject({ step: "retire", oldKeyId: OLD, newKeyId: null });
  });

  it("refuses to remove a key that was used", () => {
    const event: RotationEvent = { type: "remove-unused-key", accessKeyId: OLD };
    const result = transition(states.resolve(), event, ctx([key(OLD), unusedNew]));
    expect(result).toMatchObject({ ok: false, code: "key-was-used" });
  });

  it("keeps a key when both were used: the kept key is new, the other old, verification starts now", () => {
    const result = must(transition(states.resolve(), { type: "keep-key", accessKeyId: OLD }, ctx([key(OLD), key(NEW)])));
    expect(result.effects).toEqual([]);
    expect(result.state).toMatchObject({ step: "verify-cutover", newKeyId: OLD, oldKeyId: NEW, verifyStartedAt: T0 });
  });

  it("refuses keep-key while either key was never used", () => {
    for (const accessKeyId of [OLD, NEW]) {
      const result = transition(states.resolve(), { type: "keep-key", accessKeyId }, ctx([key(OLD), unusedNew]));
      expect(result).toMatchObject({ ok: false, code: "unused-key-present" });
    }
  });

  it("refuses a key outside the rotation, and a key IAM no longer lists", () => {
    const keys = [key(OLD), key(NEW)];
    expect(transition(states.resolve(), { type: "keep-key", accessKeyId: "AKIAOTHER" }, ctx(keys))).toMatchObject({
      ok: false,
      code: "unknown-key",
    });
    expect(transition(states.resolve(), { type: "keep-key", accessKeyId: OLD }, ctx([key(OLD)]))).toMatchObject({
      ok: false,
      code: "key-not-found",
    });
  });
});

describe("confirm-locations", () => {
  const confirm = (event: Omit<Extract<RotationEvent, { type: "confirm-locations" }>, "type">) =>
    transition(states.confirm(), { type: "confirm-locations", ...event }, ctx([key(OLD)]));

  it("requires an acknowledgement for zero locations", () => {
    expect(confirm({ locationIds: [] })).toMatchObject({ ok: false, code: "no-locations-unacknowledged" });
    expect(confirm({ locationIds: [], acknowledgeNoLocations: false })).toMatchObject({
      ok: false,
      code: "no-locations-unacknowledged",
    });
    expect(must(confirm({ locationIds: [], acknowledgeNoLocations: true })).state).toMatchObject({
      step: "create-key",
      locationIds: [],
    });
  });

  it("moves to create-key with the locations, duplicates dropped", () => {
    const result = must(confirm({ locationIds: ["loc-1", "loc-2", "loc-1"] }));
    const { startedAt } = states.confirm();
    expect(result.state).toEqual({
      step: "create-key",
      startedAt,
      oldKeyId: OLD,
      locationIds: ["loc-1", "loc-2"],
      createRequestedAt: null,
    });
  });

  it("refuses a blank location id", () => {
    expect(confirm({ locationIds: ["loc-1", " "] })).toMatchObject({ ok: false, code: "invalid-input" });
  });
});

describe("create-key", () => {
  it("refuses a third key", () => {
    const result = transition(states.create(), { type: "create-key" }, ctx([key(OLD), key(NEW)]));
    expect(result).toMatchObject({ ok: false, code: "third-key" });
  });

  it("hands out the create-key effect and waits for the new id in the same step", () => {
    const result = must(transition(states.create(), { type: "create-key" }, ctx([key(OLD)])));
    expect(result.effects).toEqual([{ type: "create-key" }]);
    expect(result.state).toMatchObject({ step: "create-key", createRequestedAt: T0 });
  });

  it("refuses key-created before a key was requested", () => {
    const event: RotationEvent = { type: "key-created", accessKeyId: NEW, createDate: T0 };
    expect(transition(states.create(), event, ctx([key(OLD)]))).toMatchObject({ ok: false, code: "not-allowed-in-step" });
  });

  it("refuses key-created with a blank id, the old key's id, or an invalid date", () => {
    const bad: RotationEvent[] = [
      { type: "key-created", accessKeyId: "  ", createDate: T0 },
      { type: "key-created", accessKeyId: OLD, createDate: T0 },
      { type: "key-created", accessKeyId: NEW, createDate: new Date("nonsense") },
    ];
    for (const event of bad) {
      expect(transition(states.create(T0), event, ctx([key(OLD)]))).toMatchObject({ ok: false, code: "invalid-input" });
    }
  });

  it("moves to distribute with the new key and one unticked item per location", () => {
    const event: RotationEvent = { type: "key-created", accessKeyId: NEW, createDate: at(HOUR) };
    const result = must(transition(states.create(T0), event, ctx([key(OLD), key(NEW)], { now: at(HOUR) })));
    expect(result.state).toMatchObject({
      step: "distribute",
      newKeyId: NEW,
      newKeyCreatedAt: at(HOUR),
      checklist: [
        { locationId: "loc-1", updatedAt: null, note: null },
        { locationId: "loc-2", updatedAt: null, note: null },
      ],
    });
  });
});

describe("distribute", () => {
  const keys = [key(OLD), key(NEW)];

  it("ticks a location with a note and unticks it again", () => {
    const mark: RotationEvent = { type: "mark-location-updated", locationId: "loc-1", note: " CI secret " };
    const marked = must(transition(states.distribute(), mark, ctx(keys)));
    const item = stateAt(marked.state, "distribute").checklist[0];
    expect(item).toEqual({ locationId: "loc-1", updatedAt: T0, note: "CI secret" });
    const unmarked = must(transition(marked.state, { type: "unmark-location-updated", locationId: "loc-1" }, ctx(keys)));
    const [first] = stateAt(unmarked.state, "distribute").checklist;
    expect(first).toEqual({ locationId: "loc-1", updatedAt: null, note: null });
  });

  it("refuses a location not on the checklist", () => {
    for (const type of ["mark-location-updated", "unmark-location-updated"] as const) {
      const result = transition(states.distribute(), { type, locationId: "loc-9" }, ctx(keys));
      expect(result).toMatchObject({ ok: false, code: "unknown-location" });
    }
  });

  it("refuses to finish with unticked locations and says how many remain", () => {
    const result = transition(states.distribute(["loc-2"]), { type: "finish-distribution" }, ctx(keys));
    expect(result).toMatchObject({ ok: false, code: "checklist-incomplete" });
    expect(!result.ok && result.message).toMatch(/^1 of 2 location\(s\) still need the new key: loc-1\. .*redeploy/);
  });

  it("finishes when every location is ticked, starts verification now and reminds to redeploy", () => {
    const state = states.distribute(["loc-1", "loc-2"]);
    const result = must(transition(state, { type: "finish-distribution" }, ctx(keys, { now: at(HOUR) })));
    expect(result.state).toEqual({
      step: "verify-cutover",
      startedAt: state.startedAt,
      oldKeyId: OLD,
      newKeyId: NEW,
      verifyStartedAt: at(HOUR),
    });
    expect(result.notice).toMatch(/redeployed/);
  });

  it("finishes at once with an empty checklist (no locations, acknowledged)", () => {
    const state = { ...states.distribute(), checklist: [] };
    expect(must(transition(state, { type: "finish-distribution" }, ctx(keys))).state.step).toBe("verify-cutover");
  });
});
