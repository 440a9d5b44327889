// Which buttons a step offers, for every kind of rotation: the candidate events the kinds share plus the
// kind's own, each judged by the kind's transition, so a button is enabled exactly when pressing it
// would be accepted. Pure: the kind's machine passes its transition in.
import type { AvailabilityOf, ChecklistItem, RefusalOf, Role, SharedRotationEvent } from "./types.ts";

export type Candidate<E> = { event: E; target?: string };

// Stands in for text the person types; availability never depends on its wording.
export const SAMPLE_REASON = "availability check";

/** The buttons of a step every kind has, alike; null for a step of the kind's own. */
export function sharedCandidates(state: { step: string; checklist?: readonly ChecklistItem[] }): Candidate<SharedRotationEvent>[] | null {
  switch (state.step) {
    case "confirm-locations":
      return [{ event: { type: "confirm-locations", locationIds: [], acknowledgeNoLocations: true } }];
    case "distribute":
      // Tick (or untick) each location, then finish.
      return [
        ...(state.checklist ?? []).map(({ locationId, updatedAt }): Candidate<SharedRotationEvent> => ({
          event: { type: updatedAt === null ? "mark-location-updated" : "unmark-location-updated", locationId },
          target: locationId,
        })),
        { event: { type: "finish-distribution" } },
      ];
    case "verify-cutover":
      return [{ event: { type: "cutover-confirmed" } }];
    case "retire":
      // Notify 2nd line (or skip it with a reason), then deactivate the old credentials.
      return [{ event: { type: "send-notification" } }, { event: { type: "skip-notification", reason: SAMPLE_REASON } }, { event: { type: "deactivate-old" } }];
    default:
      return null;
  }
}

/** What a kind of rotation adds to the shared buttons, and how it judges them. */
export type KindButtons<State, Event, Code extends string> = {
  /** The buttons of the kind's own steps; null once the rotation is over. */
  own: (state: State) => Candidate<Event>[] | null;
  /** Whether the step offers cancelling (a kind may offer only a rollback once it has deactivated). */
  offersCancel: (state: State) => boolean;
  transition: (event: NoInfer<Event> | SharedRotationEvent) => { ok: true } | RefusalOf<Code>;
  role: Role;
  /** The refusals an admin may override, at deactivation only (the cut-over checks). */
  overridableCodes: ReadonlySet<NoInfer<Code>>;
};

/** The person-facing buttons for this step, each enabled or disabled with the reason why. */
export function availableEventsOf<State extends { step: string; checklist?: readonly ChecklistItem[] }, Event extends { type: string }, Code extends string>(
  state: State,
  kind: KindButtons<State, Event, Code>,
): AvailabilityOf<Event["type"] | SharedRotationEvent["type"], Code>[] {
  const candidates: Candidate<Event | SharedRotationEvent>[] | null = sharedCandidates(state) ?? kind.own(state);
  if (candidates === null) return [];
  if (kind.offersCancel(state)) candidates.push({ event: { type: "cancel", reason: SAMPLE_REASON } });
  return candidates.map(({ event, target }) => {
    const result = kind.transition(event);
    const base = target === undefined ? { type: event.type } : { type: event.type, target };
    if (result.ok) return { ...base, allowed: true };
    const overridable = event.type === "deactivate-old" && kind.role === "admin" && kind.overridableCodes.has(result.code);
    return { ...base, allowed: false, code: result.code, message: result.message, overridable };
  });
}
