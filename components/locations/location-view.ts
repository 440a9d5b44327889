// What the browser receives about a location: the stored record minus its owner ids, dates as text.
import type { LocationRecord } from "@/lib/db/locations.ts";
import type { LocationKind } from "@/lib/locations/schema.ts";

export type LocationView = {
  id: string;
  kind: LocationKind;
  system: string;
  environment: string;
  identifier: string;
  notes: string | null;
  createdBy: string;
  createdAt: string;
  confirmedBy: string | null;
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
    createdBy: l.createdBy,
    createdAt: l.createdAt.toISOString(),
    confirmedBy: l.confirmedBy,
    confirmedAt: l.confirmedAt?.toISOString() ?? null,
  };
}
