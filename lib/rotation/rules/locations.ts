// The locations of the old credentials, alike for every kind of rotation: confirming them (none may be
// blank, and an empty list must be acknowledged), then the checklist made of them, ticked off one by one
// until the new credentials are everywhere. `what` words the credentials for the kind.
import type { ChecklistItem, RefusalOf } from "./types.ts";

type Confirmation = { locationIds: string[]; acknowledgeNoLocations?: boolean };

/** The confirmed location ids, each once; `unacknowledged` says, in the kind's words, why none is not enough. */
export function confirmedLocationIds(
  event: Confirmation,
  unacknowledged: string,
): { ok: true; locationIds: string[] } | RefusalOf<"invalid-input" | "no-locations-unacknowledged"> {
  if (event.locationIds.some((id) => id.trim() === "")) {
    return { ok: false, code: "invalid-input", message: "A location without an id was sent. Reload the page and confirm again." };
  }
  const locationIds = [...new Set(event.locationIds)];
  if (locationIds.length === 0 && event.acknowledgeNoLocations !== true) return { ok: false, code: "no-locations-unacknowledged", message: unacknowledged };
  return { ok: true, locationIds };
}

/** The audit line of a confirmation; `what` names the old credentials ("key AKIA…", a user name). */
export function confirmedAudit(locationIds: readonly string[], what: string): string {
  return locationIds.length === 0 ? `Confirmed ${what} is used in no recorded location.` : `Confirmed ${locationIds.length} location(s) for ${what}.`;
}

/** Refuses a location that is not on the checklist (the page was stale), or null when it is. */
export function unknownLocation(checklist: readonly ChecklistItem[], locationId: string): RefusalOf<"unknown-location"> | null {
  if (checklist.some((item) => item.locationId === locationId)) return null;
  return { ok: false, code: "unknown-location", message: `Location ${locationId} is not on this rotation's checklist. Reload the page to see the current list.` };
}

type Tick = { type: "mark-location-updated"; locationId: string; note?: string } | { type: "unmark-location-updated"; locationId: string };

/** The checklist with one location ticked (with its note) or unticked, and the audit line; `what`: "the new key". */
export function tickLocation(checklist: readonly ChecklistItem[], event: Tick, now: Date, what: string): { checklist: ChecklistItem[]; audit: string } {
  const marking = event.type === "mark-location-updated";
  const note = marking ? event.note?.trim() || null : null;
  return {
    checklist: checklist.map((item) => (item.locationId === event.locationId ? { ...item, updatedAt: marking ? now : null, note } : item)),
    audit: marking ? `Location ${event.locationId} has ${what}${note ? ` (${note})` : ""}.` : `Location ${event.locationId} marked as not yet updated.`,
  };
}

/** Refuses finishing while any location still waits for the new credentials, or null when none does. */
export function checklistIncomplete(checklist: readonly ChecklistItem[], what: string): RefusalOf<"checklist-incomplete"> | null {
  const remaining = checklist.filter((item) => item.updatedAt === null);
  if (remaining.length === 0) return null;
  return {
    ok: false,
    code: "checklist-incomplete",
    message:
      `${remaining.length} of ${checklist.length} location(s) still need ${what}: ` +
      `${remaining.map((item) => item.locationId).join(", ")}. Update and redeploy each one, then tick it off.`,
  };
}
