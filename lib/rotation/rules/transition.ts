// The frame every kind of rotation's transition shares: a viewer may do nothing, a cancel goes to the
// kind's cancel rule whatever the step, and any other event to the handler of the current step. Also
// the accepted result and the "not at this step" refusal text, alike for every kind.
import type { Role } from "./types.ts";

export const VIEWER_MESSAGE = "You have view-only access. Ask a rotator or an admin to do this.";

/** One handler per step, each given the state of its own step. */
export type StepHandlers<State extends { step: string }, Event, Facts, Result> = {
  [Step in State["step"]]: (state: Extract<State, { step: Step }>, event: Event, facts: Facts) => Result;
};

type Rules<State extends { step: string }, Event, Facts, Result> = {
  viewerRefusal: Result;
  cancel: (state: State, reason: string, facts: Facts) => Result;
  steps: StepHandlers<State, Event, Facts, Result>;
};

function isCancel<Event extends { type: string }>(event: Event): event is Event & { type: "cancel"; reason: string } {
  return event.type === "cancel";
}

export function runTransition<State extends { step: string }, Event extends { type: string }, Facts extends { role: Role }, Result>(
  state: State,
  event: Event,
  facts: Facts,
  rules: Rules<State, Event, Facts, Result>,
): Result {
  if (facts.role === "viewer") return rules.viewerRefusal;
  if (isCancel(event)) return rules.cancel(state, event.reason, facts);
  // The handler was picked by this state's own step, which TypeScript cannot follow through the lookup.
  const handler = rules.steps[state.step as State["step"]] as (state: State, event: Event, facts: Facts) => Result;
  return handler(state, event, facts);
}

/** `notice` is for the person who clicked; it is left out rather than undefined. */
export function accepted<State, Eff>(state: State, effects: Eff[], audit: string, notice?: string) {
  return notice === undefined ? { ok: true as const, state, effects, audit } : { ok: true as const, state, effects, audit, notice };
}

/** Why an event was refused at a step that does not take it, with what the step does take. */
export function notAllowedMessage(eventType: string, stepLabel: string, possible: readonly string[]): string {
  const hint = possible.length > 0 ? `Possible now: ${possible.join(", ")}.` : "This rotation is finished.";
  return `"${eventType}" is not possible at step "${stepLabel}". ${hint}`;
}
