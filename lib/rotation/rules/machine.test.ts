import { describe, expect, it } from "vitest";
import { availableEvents, startRotation, transition } from "./machine.ts";
import { DAY, HOUR, INACTIVE, MIN, NEW, OLD, QUIET, T0, at, ctx, key, midRotationKeys, must, states } from "../../testing/rotation-fixtures.ts";
import type { KeySnapshot, RotationEvent, RotationState, Role } from "./types.ts";

describe("startRotation", () => {
  it("refuses a user without keys", () => {
    expect(startRotation(ctx([]))).toMatchObject({ ok: false, code: "no-keys" });
  });

  it("refuses a viewer", () => {
    expect(startRotation(ctx([key(OLD)], { role: "viewer" }))).toMatchObject({ ok: false, code: "viewer-read-only" });
  });

  it("refuses more keys than AWS allows", () => {
    expect(startRotation(ctx([key("A"), key("B"), key("C")]))).toMatchObject({ ok: false, code: "third-key" });
  });

  it("sends a used key to confirm-locations", () => {
    const result = startRotation(ctx([key(OLD)]));
    expect(result.ok && result.state).toEqual({ step: "confirm-locations", startedAt: T0, oldKeyId: OLD });
  });

  it("sends a never-used key straight to retire, without a new key", () => {
    const result = startRotation(ctx([key(OLD, { lastUsedDate: null })]));
    expect(result.ok && result.state).toMatchObject({ step: "retire", oldKeyId: OLD, newKeyId: null });
  });

  it("asks to resolve a user with two keys", () => {
    const result = startRotation(ctx([key(OLD), key(NEW)]));
    expect(result.ok && result.state).toMatchObject({ step: "resolve-two-keys", keyIds: [OLD, NEW] });
  });
});

describe("whole rotations", () => {
  it("replaces a used key from start to done", () => {
    const oldKey = key(OLD, { lastUsedDate: at(-HOUR) });
    const start = startRotation(ctx([oldKey]));
    let state: RotationState = start.ok ? start.state : states.done();
    const step = (event: RotationEvent, now: Date, keys: KeySnapshot[]) => {
      state = must(transition(state, event, ctx(keys, { now }))).state;
      return state.step;
    };
    const newKey = key(NEW, { createDate: at(HOUR), lastUsedDate: null });
    expect(step({ type: "confirm-locations", locationIds: ["loc-1"] }, T0, [oldKey])).toBe("create-key");
    expect(step({ type: "create-key" }, at(HOUR), [oldKey])).toBe("create-key");
    const created: RotationEvent = { type: "key-created", accessKeyId: NEW, createDate: at(HOUR) };
    expect(step(created, at(HOUR), [oldKey, newKey])).toBe("distribute");
    expect(step({ type: "mark-location-updated", locationId: "loc-1" }, at(2 * HOUR), [oldKey, newKey])).toBe("distribute");
    expect(step({ type: "finish-distribution" }, at(2 * HOUR), [oldKey, newKey])).toBe("verify-cutover");
    const cutOver = [
      { ...oldKey, lastUsedDate: at(3 * HOUR) },
      { ...newKey, lastUsedDate: at(4 * HOUR) },
    ];
    const early = ctx(cutOver, { now: at(3 * HOUR + QUIET - 1) });
    expect(transition(state, { type: "cutover-confirmed" }, early)).toMatchObject({ code: "old-key-not-quiet" });
    expect(step({ type: "cutover-confirmed" }, at(3 * HOUR + QUIET), cutOver)).toBe("retire");
    expect(step({ type: "send-notification" }, at(2 * DAY), cutOver)).toBe("retire");
    expect(step({ type: "notified", ok: true }, at(2 * DAY), cutOver)).toBe("retire");
    expect(step({ type: "deactivate-old" }, at(2 * DAY), cutOver)).toBe("old-inactive");
    const retired = [{ ...cutOver[0], status: "Inactive" as const }, cutOver[1]];
    expect(step({ type: "delete-old" }, at(2 * DAY + INACTIVE), retired)).toBe("done");
    expect(state).toMatchObject({ oldKeyId: OLD, newKeyId: NEW, completedAt: at(2 * DAY + INACTIVE) });
  });

  it("retires a never-used key: notify, deactivate, delete at once", () => {
    const unused = key(OLD, { lastUsedDate: null });
    const start = startRotation(ctx([unused]));
    let state: RotationState = start.ok ? start.state : states.done();
    for (const event of [{ type: "notified", ok: true }, { type: "deactivate-old" }] as const) {
      state = must(transition(state, event, ctx([unused]))).state;
    }
    const deleted = must(transition(state, { type: "delete-old" }, ctx([{ ...unused, status: "Inactive" }])));
    expect(deleted.state).toMatchObject({ step: "done", newKeyId: null });
  });

  it("rolls back, then needs a fresh quiet window and notification before deactivating again", () => {
    const inactiveKeys = midRotationKeys({ status: "Inactive" });
    let state = must(transition(states.inactive(), { type: "reactivate-old" }, ctx(inactiveKeys, { now: at(DAY) }))).state;
    const active = midRotationKeys({ lastUsedDate: at(DAY + MIN) }, { lastUsedDate: at(DAY) });
    const confirm: RotationEvent = { type: "cutover-confirmed" };
    const early = ctx(active, { now: at(DAY + MIN + QUIET - 1) });
    expect(transition(state, confirm, early)).toMatchObject({ code: "old-key-not-quiet" });
    state = must(transition(state, confirm, ctx(active, { now: at(DAY + MIN + QUIET) }))).state;
    const later = ctx(active, { now: at(3 * DAY) });
    expect(transition(state, { type: "deactivate-old" }, later)).toMatchObject({ code: "notification-required" });
    state = must(transition(state, { type: "notified", ok: true }, later)).state;
    expect(must(transition(state, { type: "deactivate-old" }, later)).state).toMatchObject({
      step: "old-inactive",
      deactivatedAt: at(3 * DAY),
    });
  });
});

describe("terminal steps", () => {
  it("accept no event", () => {
    for (const state of [states.done(), states.cancelled()]) {
      expect(transition(state, { type: "delete-old" }, ctx([]))).toMatchObject({ code: "not-allowed-in-step" });
    }
  });
});

describe("no way into distribute without a new key id", () => {
  const events: RotationEvent[] = [
    { type: "remove-unused-key", accessKeyId: NEW },
    { type: "keep-key", accessKeyId: NEW },
    { type: "confirm-locations", locationIds: [], acknowledgeNoLocations: true },
    { type: "create-key" },
    { type: "key-created", accessKeyId: "", createDate: T0 },
    { type: "key-created", accessKeyId: OLD, createDate: T0 },
    { type: "key-created", accessKeyId: NEW, createDate: T0 },
    { type: "mark-location-updated", locationId: "loc-1" },
    { type: "finish-distribution" },
    { type: "cutover-confirmed" },
    { type: "deactivate-old", overrideReason: "admin says go ahead" },
    { type: "reactivate-old" },
    { type: "delete-old" },
  ];
  const allStates: RotationState[] = Object.values(states).map((make) => make());
  allStates.push(states.create(T0), { ...states.create(T0), locationIds: [] });
  const keySets = [[key(OLD)], [key(OLD), key(NEW, { lastUsedDate: null })], midRotationKeys()];

  it("enters distribute only from create-key via key-created, always with the new id", () => {
    let reached = 0;
    for (const state of allStates) {
      for (const event of events) {
        for (const keys of keySets) {
          for (const role of ["rotator", "admin"] satisfies Role[]) {
            const result = transition(state, event, ctx(keys, { role, now: at(30 * DAY) }));
            if (!result.ok || result.state.step !== "distribute") continue;
            expect(result.state.newKeyId).toBe(NEW);
            if (state.step === "distribute") continue; // ticking a location stays in the step
            reached += 1;
            expect([state.step, event.type]).toEqual(["create-key", "key-created"]);
            if (state.step === "create-key") expect(state.createRequestedAt).not.toBeNull();
          }
        }
      }
    }
    expect(reached).toBeGreaterThan(0);
  });
});

describe("availableEvents", () => {
  const byType = (list: ReturnType<typeof availableEvents>) =>
    Object.fromEntries(list.map((e) => [e.target ? `${e.type}:${e.target}` : e.type, e]));

  it("offers one remove and one keep button per key when resolving two keys", () => {
    const list = byType(availableEvents(states.resolve(), ctx([key(OLD), key(NEW, { lastUsedDate: null })])));
    expect(list[`remove-unused-key:${NEW}`]).toMatchObject({ allowed: true });
    expect(list[`remove-unused-key:${OLD}`]).toMatchObject({ allowed: false, code: "key-was-used" });
    expect(list[`keep-key:${OLD}`]).toMatchObject({ allowed: false, code: "unused-key-present" });
    expect(list.cancel).toMatchObject({ allowed: true });
  });

  it("offers tick for unticked locations and untick for ticked ones", () => {
    const list = byType(availableEvents(states.distribute(["loc-2"]), ctx(midRotationKeys())));
    expect(Object.keys(list)).toEqual([
      "mark-location-updated:loc-1",
      "unmark-location-updated:loc-2",
      "finish-distribution",
      "cancel",
    ]);
    expect(list["finish-distribution"]).toMatchObject({ allowed: false, code: "checklist-incomplete" });
  });

  it("shows deactivate as overridable only for an admin blocked by the cut-over", () => {
    const early = (role: Role) => byType(availableEvents(states.retire(), ctx(midRotationKeys(), { role, now: at(HOUR) })));
    const blocked = { allowed: false, code: "old-key-not-quiet" };
    expect(early("admin")["deactivate-old"]).toMatchObject({ ...blocked, overridable: true });
    expect(early("rotator")["deactivate-old"]).toMatchObject({ ...blocked, overridable: false });
    const adminLater = ctx(midRotationKeys(), { role: "admin", now: at(QUIET) });
    const pending = byType(availableEvents(states.retire({ status: "pending" }), adminLater));
    expect(pending["deactivate-old"]).toMatchObject({ allowed: false, code: "notification-required", overridable: false });
    expect(pending["send-notification"]).toMatchObject({ allowed: true });
    expect(pending["skip-notification"]).toMatchObject({ allowed: true });
  });

  it("disables cancel and early delete once the old key is Inactive, but allows rollback", () => {
    const keys = midRotationKeys({ status: "Inactive" });
    const list = byType(availableEvents(states.inactive(), ctx(keys, { now: at(DAY) })));
    expect(list["reactivate-old"]).toMatchObject({ allowed: true });
    expect(list["delete-old"]).toMatchObject({ allowed: false, code: "inactive-period-not-over" });
    expect(list.cancel).toMatchObject({ allowed: false, code: "cancel-after-deactivation" });
  });

  it("disables everything for a viewer and lists nothing for a finished rotation", () => {
    const list = availableEvents(states.verify(), ctx(midRotationKeys(), { role: "viewer", now: at(QUIET) }));
    expect(list.map((e) => [e.type, e.allowed])).toEqual([["cutover-confirmed", false], ["cancel", false]]);
    expect(list.every((e) => !e.allowed && e.code === "viewer-read-only")).toBe(true);
    expect(availableEvents(states.done(), ctx([]))).toEqual([]);
  });
});
describe("events outside their step", () => {
  it("refuses with not-allowed-in-step and names what is possible", () => {
    const result = transition(states.confirm(), { type: "delete-old" }, ctx([key(OLD)]));
    expect(result).toMatchObject({ ok: false, code: "not-allowed-in-step" });
    expect(!result.ok && result.message).toMatch(/Possible now: confirm-locations, cancel/);
  });

  it("refuses every event on a viewer, whatever the step", () => {
    const result = transition(states.create(), { type: "create-key" }, ctx([key(OLD)], { role: "viewer" }));
    expect(result).toMatchObject({ ok: false, code: "viewer-read-only" });
  });
});
