// What the browser receives about a location: the stored record minus its owner ids, dates as text.
import type { LocationRecord } from "@/lib/db/locations.ts";

export type LocationView = Pick<LocationRecord, "id" | "kind" | "system" | "environment" | "identifier" | "notes" | "createdBy" | "confirmedBy" | "store"> & {
  createdAt: string;
  confirmedAt: string | null;
};

export function toLocationView(l: LocationRecord): LocationView {
  return {
    id: l.id,
    kind: l.kind,
    system: l.system,
    environment: l.environment,
    identifier: l.identifier,
    notes: l.notes,
    store: l.store,
    createdBy: l.createdBy,
    createdAt: l.createdAt.toISOString(),
    confirmedBy: l.confirmedBy,
    confirmedAt: l.confirmedAt?.toISOString() ?? null,
  };
}
