import { describe, expect, it } from "vitest";
import { HOUR, MIN, NEW, OLD, T0, at, key, states } from "../../testing/rotation-fixtures.ts";
import { reconcileRotation } from "./reconcile.ts";

const unknownSince = () => null;

describe("reconcileRotation", () => {
  it("leaves a rotation alone when IAM agrees with it", () => {
    expect(reconcileRotation(states.create(), [key(OLD)], T0, unknownSince)).toBeNull();
    expect(reconcileRotation(states.inactive(), [key(OLD, { status: "Inactive" }), key(NEW)], T0, unknownSince)).toBeNull();
    expect(reconcileRotation(states.done(), [key(NEW)], T0, unknownSince)).toBeNull();
    expect(reconcileRotation(states.retire(), [key(OLD), key(NEW)], T0, unknownSince)).toBeNull();
  });

  it("finds the key IAM created after the request that nobody recorded, makes it Inactive and deletes it when never used", () => {
    const orphan = key(NEW, { createDate: at(-MIN), lastUsedDate: null });
    const out = reconcileRotation(states.create(at(-2 * MIN)), [key(OLD), orphan], T0, unknownSince)!;
    expect(out.effects).toEqual([
      { type: "set-key-status", accessKeyId: NEW, status: "Inactive" },
      { type: "delete-key", accessKeyId: NEW },
    ]);
    expect(out.state).toMatchObject({ step: "create-key", createRequestedAt: null });
    expect(out.reason).toMatch(/secret was never shown/);
  });

  it("only makes a used orphan Inactive, and ignores keys made long before the request", () => {
    const usedOrphan = key(NEW, { createDate: at(-MIN), lastUsedDate: T0 });
    expect(reconcileRotation(states.create(at(-2 * MIN)), [key(OLD), usedOrphan], T0, unknownSince)!.effects).toEqual([
      { type: "set-key-status", accessKeyId: NEW, status: "Inactive" },
    ]);
    const older = key(NEW, { createDate: at(-HOUR) });
    expect(reconcileRotation(states.create(at(-2 * MIN)), [key(OLD), older], T0, unknownSince)).toBeNull();
  });

  it("puts a rotation back to retire when its deactivation never reached IAM, and on to done when the key is gone", () => {
    expect(reconcileRotation(states.inactive(), [key(OLD), key(NEW)], T0, unknownSince)!.state).toMatchObject({ step: "retire", notification: { status: "sent" } });
    expect(reconcileRotation(states.inactive(), [key(NEW)], T0, unknownSince)!.state).toMatchObject({ step: "done" });
  });

  it("reopens a done rotation whose delete never reached IAM, at old-inactive since when the key was seen Inactive", () => {
    const seen = at(-3 * HOUR);
    const out = reconcileRotation(states.done(), [key(OLD, { status: "Inactive" }), key(NEW)], T0, () => seen)!;
    expect(out.state).toMatchObject({ step: "old-inactive", deactivatedAt: seen });
  });

  it("moves a rotation on to old-inactive when IAM shows the old key Inactive", () => {
    expect(reconcileRotation(states.verify(), [key(OLD, { status: "Inactive" }), key(NEW)], T0, unknownSince)!.state).toMatchObject({ step: "old-inactive", deactivatedAt: T0 });
  });
});
