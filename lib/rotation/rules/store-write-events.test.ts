import { describe, expect, it } from "vitest";
import { NEW, OLD, T0, ctx, key, must, stateAt, states } from "../../testing/rotation-fixtures.ts";
import { transition } from "./machine.ts";

describe("distribute: locations keyrotate writes itself", () => {
  const keys = [key(OLD), key(NEW)];

  it("ticks a written location with the version keyrotate wrote", () => {
    const result = must(transition(states.distribute(), { type: "location-written", locationId: "loc-1", versionId: "v-2" }, ctx(keys)));
    const [first, second] = stateAt(result.state, "distribute").checklist;
    expect(first).toEqual({ locationId: "loc-1", updatedAt: T0, note: "written by keyrotate (version v-2)", written: { versionId: "v-2" } });
    expect(second.updatedAt).toBeNull();
    expect(result.effects).toEqual([]);
    expect(result.audit).toMatch(/wrote the new key into location loc-1 \(version v-2\)/);
  });

  it("leaves a failed write unticked with its reason, and never unticks what was ticked", () => {
    const failed = must(transition(states.distribute(), { type: "location-write-failed", locationId: "loc-1", reason: "Missing permission: secretsmanager:PutSecretValue" }, ctx(keys)));
    expect(stateAt(failed.state, "distribute").checklist[0]).toMatchObject({ updatedAt: null, writeFailed: { reason: /PutSecretValue/, at: T0 } });
    const ticked = must(transition(states.distribute(["loc-1"]), { type: "location-write-failed", locationId: "loc-1", reason: "x" }, ctx(keys)));
    expect(stateAt(ticked.state, "distribute").checklist[0].updatedAt).not.toBeNull();
    // Still one unticked: finishing is refused until a retry or a person ticks it.
    expect(transition(failed.state, { type: "finish-distribution" }, ctx(keys))).toMatchObject({ ok: false, code: "checklist-incomplete" });
  });

  it("refuses a write report for a location not on the checklist, or without a version", () => {
    expect(transition(states.distribute(), { type: "location-written", locationId: "loc-9", versionId: "v" }, ctx(keys))).toMatchObject({ ok: false, code: "unknown-location" });
    expect(transition(states.distribute(), { type: "location-written", locationId: "loc-1", versionId: " " }, ctx(keys))).toMatchObject({ ok: false, code: "invalid-input" });
  });

  it("is not accepted outside the distribute step", () => {
    expect(transition(states.verify(), { type: "location-written", locationId: "loc-1", versionId: "v" }, ctx(keys))).toMatchObject({ ok: false, code: "not-allowed-in-step" });
  });
});
