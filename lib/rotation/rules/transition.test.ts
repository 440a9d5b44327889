import { describe, expect, it } from "vitest";
import { VIEWER_MESSAGE, accepted, notAllowedMessage, runTransition, type StepHandlers } from "./transition.ts";
import type { Role } from "./types.ts";

type State = { step: "one"; n: number } | { step: "two"; s: string };
type Event = { type: "go" } | { type: "cancel"; reason: string };
type Facts = { role: Role };

const steps: StepHandlers<State, Event, Facts, string> = {
  one: (state, event) => `one ${state.n} ${event.type}`,
  two: (state, event, facts) => `two ${state.s} ${event.type} ${facts.role}`,
};
const rules = { viewerRefusal: "viewer", cancel: (state: State, reason: string) => `cancel ${state.step} ${reason}`, steps };

describe("runTransition", () => {
  it("hands the event to the handler of the current step, with its own state", () => {
    expect(runTransition({ step: "one", n: 1 }, { type: "go" }, { role: "rotator" }, rules)).toBe("one 1 go");
    expect(runTransition({ step: "two", s: "x" }, { type: "go" }, { role: "admin" }, rules)).toBe("two x go admin");
  });

  it("sends a cancel to the cancel rule whatever the step", () => {
    expect(runTransition({ step: "two", s: "x" }, { type: "cancel", reason: "why" }, { role: "rotator" }, rules)).toBe("cancel two why");
  });

  it("refuses a viewer everything, a cancel included", () => {
    expect(runTransition({ step: "one", n: 1 }, { type: "cancel", reason: "why" }, { role: "viewer" }, rules)).toBe("viewer");
    expect(VIEWER_MESSAGE).toMatch(/view-only/);
  });
});

describe("accepted", () => {
  it("leaves out a notice that is not given", () => {
    expect(accepted({ step: "one" }, [], "did it")).toEqual({ ok: true, state: { step: "one" }, effects: [], audit: "did it" });
    expect(accepted({ step: "one" }, [1], "did it", "look")).toEqual({ ok: true, state: { step: "one" }, effects: [1], audit: "did it", notice: "look" });
    expect("notice" in accepted({ step: "one" }, [], "did it")).toBe(false);
  });
});

describe("notAllowedMessage", () => {
  it("names what the step takes, or that the rotation is finished", () => {
    expect(notAllowedMessage("go", "Step one", ["stop", "cancel"])).toBe('"go" is not possible at step "Step one". Possible now: stop, cancel.');
    expect(notAllowedMessage("go", "Done", [])).toBe('"go" is not possible at step "Done". This rotation is finished.');
  });
});
