import { describe, expect, it } from "vitest";
import { availableSmtpEvents, smtpTransition, startSmtpRotation } from "./smtp-machine.ts";
import { SMTP_STEP_EVENTS } from "./smtp-steps.ts";
import type { SmtpFacts, SmtpRotationEvent, SmtpRotationState } from "./smtp-types.ts";
import { COPIED, HOUR, INACTIVE, MIN, NEW, NEW_USER, OLD, OLD_USER, QUIET, T0, at, facts, mustSmtp, smtpKey, smtpStates } from "../../testing/smtp-rotation-fixtures.ts";

describe("an SMTP user rotation, step by step", () => {
  it("re-creates the user, hands out credentials, waits for SES use, retires and removes the old user", () => {
    const started = startSmtpRotation({ now: T0, role: "rotator", userName: OLD_USER, keys: [smtpKey(OLD)] });
    if (!started.ok) throw new Error(started.message);
    let state: SmtpRotationState = started.state;
    const effects: string[] = [];
    let clock = T0;
    const step = (event: SmtpRotationEvent, over: Partial<SmtpFacts> = {}) => {
      const next = mustSmtp(smtpTransition(state, event, facts({ now: clock, ...over })));
      effects.push(...next.effects.map((e) => e.type));
      state = next.state;
      return next;
    };

    step({ type: "confirm-locations", locationIds: ["loc-1"] });
    step({ type: "create-user" });
    step({ type: "user-created", userName: NEW_USER, copied: COPIED });
    step({ type: "create-key", region: "eu-west-1" }, { newKeys: [] });
    step({ type: "key-created", accessKeyId: NEW, createDate: T0 });
    step({ type: "mark-location-updated", locationId: "loc-1" });
    step({ type: "finish-distribution" });
    expect(state.step).toBe("verify-cutover");

    // The new key sends mail; the old user falls quiet for the window.
    clock = at(QUIET + MIN);
    const sending = { oldKeys: [smtpKey(OLD)], newKeys: [smtpKey(NEW, { createDate: T0, lastUsedDate: at(MIN) })] };
    step({ type: "cutover-confirmed" }, sending);
    step({ type: "send-notification" }, sending);
    step({ type: "notified", ok: true }, sending);
    step({ type: "deactivate-old" }, sending);
    expect(state).toMatchObject({ step: "old-inactive", deactivatedKeyIds: [OLD] });

    clock = at(QUIET + INACTIVE + HOUR);
    const inactive = { ...sending, oldKeys: [smtpKey(OLD, { status: "Inactive" })] };
    step({ type: "remove-old-user" }, inactive);
    for (const result of [{ step: { kind: "delete-access-key" as const, accessKeyId: OLD }, outcome: "done" as const }, { step: { kind: "delete-user" as const }, outcome: "done" as const }]) {
      step({ type: "removal-step", result }, { oldKeys: null });
    }
    expect(state).toMatchObject({ step: "done", oldUserName: OLD_USER, newUserName: NEW_USER, newKeyId: NEW });
    expect(effects).toEqual(["create-user", "create-key", "notify", "set-key-status", "notify", "delete-user"]);
  });

  it("refuses a viewer at every step", () => {
    expect(smtpTransition(smtpStates.distribute(), { type: "finish-distribution" }, facts({ role: "viewer" }))).toMatchObject({ code: "viewer-read-only" });
  });

  it("refuses an event the step does not take, naming the ones it does", () => {
    expect(smtpTransition(smtpStates.confirm(), { type: "create-key", region: "eu-west-1" }, facts())).toMatchObject({
      code: "not-allowed-in-step",
      message: expect.stringContaining("Possible now: confirm-locations, cancel."),
    });
  });
});

describe("availableSmtpEvents", () => {
  it("offers each checklist item and disables finishing until all are ticked", () => {
    const available = availableSmtpEvents(smtpStates.distribute(["loc-1"]), facts());
    expect(available.map((a) => [a.type, a.target ?? null, a.allowed])).toEqual([
      ["unmark-location-updated", "loc-1", true],
      ["mark-location-updated", "loc-2", true],
      ["finish-distribution", null, false],
      ["cancel", null, true],
    ]);
  });

  it("marks an unsettled cut-over overridable for an admin at deactivation only", () => {
    const loud = facts({ oldKeys: [smtpKey(OLD, { lastUsedDate: at(-MIN) })], newKeys: [smtpKey(NEW, { createDate: at(-HOUR), lastUsedDate: T0 })] });
    const deactivate = (role: SmtpFacts["role"]) => availableSmtpEvents(smtpStates.retire(), { ...loud, role }).find((a) => a.type === "deactivate-old");
    expect(deactivate("admin")).toMatchObject({ allowed: false, code: "old-key-not-quiet", overridable: true });
    expect(deactivate("rotator")).toMatchObject({ allowed: false, overridable: false });
  });

  it("offers nothing on a finished rotation, and no cancel once the old user is deactivated", () => {
    expect(availableSmtpEvents(smtpStates.done(), facts())).toEqual([]);
    expect(availableSmtpEvents(smtpStates.inactive(), facts()).map((a) => a.type)).toEqual(["reactivate-old", "remove-old-user"]);
  });

  it("only offers events the step is documented to take", () => {
    const all = Object.values(smtpStates).map((make) => make());
    for (const state of all) {
      for (const a of availableSmtpEvents(state, facts())) expect(SMTP_STEP_EVENTS[state.step], `${state.step}: ${a.type}`).toContain(a.type);
    }
  });
});
