// One handler per step before verification: each answers the events its step accepts.
import { checkCreateKey, formatTime, refuse } from "./key-guards.ts";
import { checklistIncomplete, confirmedAudit, confirmedLocationIds, tickLocation, unknownLocation } from "./locations.ts";
import { STEP_EVENTS, stepLabel } from "./steps.ts";
import { accepted, notAllowedMessage } from "./transition.ts";
import type { Effect, KeySnapshot, Refusal, RotationEvent, RotationState, RulesContext, StateOf, TransitionResult } from "./types.ts";

export const ok = accepted<RotationState, Effect>;

export function notAllowed(state: RotationState, event: RotationEvent): Refusal {
  return refuse("not-allowed-in-step", notAllowedMessage(event.type, stepLabel(state.step), STEP_EVENTS[state.step]));
}

export function findKey(keys: KeySnapshot[], accessKeyId: string): KeySnapshot | Refusal {
  const key = keys.find((k) => k.accessKeyId === accessKeyId);
  return (
    key ??
    refuse(
      "key-not-found",
      `IAM no longer lists key ${accessKeyId} for this user. Reload the page; if it was changed outside keyrotate, ` +
        "check the user's keys in IAM before going on.",
    )
  );
}

export function isRefusal(value: object): value is Refusal {
  return "ok" in value && value.ok === false;
}

/** The check-usage step, decided on the spot: a never-used key needs no replacement. */
export function afterCheckUsage(key: KeySnapshot, startedAt: Date): { state: RotationState; audit: string } {
  if (key.lastUsedDate === null) {
    return {
      state: {
        step: "retire",
        startedAt,
        oldKeyId: key.accessKeyId,
        newKeyId: null,
        verifyStartedAt: null,
        notification: { status: "pending" },
      },
      audit: `Key ${key.accessKeyId} was never used: no new key needed, it goes straight to retirement.`,
    };
  }
  return {
    state: { step: "confirm-locations", startedAt, oldKeyId: key.accessKeyId },
    audit: `Key ${key.accessKeyId} was last used ${formatTime(key.lastUsedDate)}: it will be replaced.`,
  };
}

export function resolveTwoKeys(
  state: StateOf<"resolve-two-keys">,
  event: RotationEvent,
  ctx: RulesContext,
): TransitionResult {
  if (event.type !== "remove-unused-key" && event.type !== "keep-key") return notAllowed(state, event);
  const [first, second] = state.keyIds;
  if (event.accessKeyId !== first && event.accessKeyId !== second) {
    return refuse("unknown-key", `Key ${event.accessKeyId} is not one of this rotation's keys (${first}, ${second}).`);
  }
  const chosen = findKey(ctx.keys, event.accessKeyId);
  const other = findKey(ctx.keys, event.accessKeyId === first ? second : first);
  if (isRefusal(chosen)) return chosen;
  if (isRefusal(other)) return other;

  if (event.type === "remove-unused-key") {
    if (chosen.lastUsedDate !== null) {
      return refuse(
        "key-was-used",
        `Key ${chosen.accessKeyId} was last used ${formatTime(chosen.lastUsedDate)}, so removing it could break ` +
          'something. Choose "Keep this key" on the key that should stay instead; the other is then retired safely.',
      );
    }
    const next = afterCheckUsage(other, state.startedAt);
    const effects: Effect[] = [
      { type: "set-key-status", accessKeyId: chosen.accessKeyId, status: "Inactive" },
      { type: "delete-key", accessKeyId: chosen.accessKeyId },
    ];
    return ok(next.state, effects, `Removed never-used key ${chosen.accessKeyId}. ${next.audit}`);
  }

  const unused = [chosen, other].find((k) => k.lastUsedDate === null);
  if (unused) {
    return refuse(
      "unused-key-present",
      `Key ${unused.accessKeyId} was never used (Last used: N/A), so it is safe to remove: ` +
        'use "Remove unused key" on it, then rotate the remaining key.',
    );
  }
  return ok(
    {
      step: "verify-cutover",
      startedAt: state.startedAt,
      oldKeyId: other.accessKeyId,
      newKeyId: chosen.accessKeyId,
      verifyStartedAt: ctx.now,
    },
    [],
    `Keeping ${chosen.accessKeyId} as the new key; ${other.accessKeyId} is the old key. Watching the cut-over.`,
  );
}

export function confirmLocations(
  state: StateOf<"confirm-locations">,
  event: RotationEvent,
): TransitionResult {
  if (event.type !== "confirm-locations") return notAllowed(state, event);
  const confirmed = confirmedLocationIds(
    event,
    `No locations are recorded for key ${state.oldKeyId}. Record every place it is used first, or, if it ` +
      "really is used nowhere, confirm that explicitly. A location you miss breaks when the old key is retired.",
  );
  if (!confirmed.ok) return confirmed;
  const { locationIds } = confirmed;
  return ok(
    { step: "create-key", startedAt: state.startedAt, oldKeyId: state.oldKeyId, locationIds, createRequestedAt: null },
    [],
    confirmedAudit(locationIds, `key ${state.oldKeyId}`),
  );
}

export function createKey(state: StateOf<"create-key">, event: RotationEvent, ctx: RulesContext): TransitionResult {
  if (event.type === "create-key") {
    const guard = checkCreateKey(ctx.keys);
    if (!guard.ok) return guard;
    return ok({ ...state, createRequestedAt: ctx.now }, [{ type: "create-key" }], "Requested a new access key.");
  }
  if (event.type !== "key-created") return notAllowed(state, event);
  if (state.createRequestedAt === null) {
    return refuse("not-allowed-in-step", 'No key creation was requested in this rotation yet. Use "Create new key".');
  }
  const newKeyId = event.accessKeyId.trim();
  if (newKeyId === "" || newKeyId === state.oldKeyId || Number.isNaN(event.createDate.getTime())) {
    return refuse(
      "invalid-input",
      "The new key's id or creation date is missing or wrong. Check the user's keys in IAM before retrying.",
    );
  }
  return ok(
    {
      step: "distribute",
      startedAt: state.startedAt,
      oldKeyId: state.oldKeyId,
      newKeyId,
      newKeyCreatedAt: event.createDate,
      checklist: state.locationIds.map((locationId) => ({ locationId, updatedAt: null, note: null })),
    },
    [],
    `Created new key ${newKeyId}; ${state.locationIds.length} location(s) to update.`,
  );
}

function storeWrite(state: StateOf<"distribute">, event: Extract<RotationEvent, { type: "location-written" | "location-write-failed" }>, ctx: RulesContext): TransitionResult {
  const written = event.type === "location-written";
  if (written && event.versionId.trim() === "") return refuse("invalid-input", "A store write was reported without the version it wrote.");
  const checklist = state.checklist.map((item) => {
    if (item.locationId !== event.locationId) return item;
    if (written) return { locationId: item.locationId, updatedAt: ctx.now, note: `written by keyrotate (version ${event.versionId})`, written: { versionId: event.versionId } };
    // A failure never unticks what a person or an earlier write already ticked.
    return { ...item, writeFailed: { reason: event.reason, at: ctx.now } };
  });
  const audit = written
    ? `keyrotate wrote the new key into location ${event.locationId} (version ${event.versionId}).`
    : `keyrotate could not write the new key into location ${event.locationId}: ${event.reason}`;
  return ok({ ...state, checklist }, [], audit);
}

export function distribute(state: StateOf<"distribute">, event: RotationEvent, ctx: RulesContext): TransitionResult {
  const unknown = "locationId" in event ? unknownLocation(state.checklist, event.locationId) : null;
  if (unknown) return unknown;
  if (event.type === "location-written" || event.type === "location-write-failed") return storeWrite(state, event, ctx);
  if (event.type === "mark-location-updated" || event.type === "unmark-location-updated") {
    const { checklist, audit } = tickLocation(state.checklist, event, ctx.now, "the new key");
    return ok({ ...state, checklist }, [], audit);
  }
  if (event.type !== "finish-distribution") return notAllowed(state, event);
  const incomplete = checklistIncomplete(state.checklist, "the new key");
  if (incomplete) return incomplete;
  return ok(
    {
      step: "verify-cutover",
      startedAt: state.startedAt,
      oldKeyId: state.oldKeyId,
      newKeyId: state.newKeyId,
      verifyStartedAt: ctx.now,
    },
    [],
    `All ${state.checklist.length} location(s) updated. Watching the cut-over from ${state.oldKeyId} to ${state.newKeyId}.`,
    "Make sure every updated location was redeployed: services keep using the old key until they restart.",
  );
}
