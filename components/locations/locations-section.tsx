// The key page's "Locations" section: where the key is used, and a form to record one more.
import type { LocationRecord } from "@/lib/db/locations.ts";
import { LocationForm } from "./location-form.tsx";
import { LocationList } from "./location-list.tsx";
import { addLocation } from "@/app/(dashboard)/locations/actions.ts";
import { toLocationView } from "./location-view.ts";

/** `canEdit`: the person may record locations and keyrotate manages the key's user. */
type Props = { accessKeyId: string; locations: LocationRecord[]; canEdit: boolean };

export function LocationsSection({ accessKeyId, locations, canEdit }: Props) {
  return (
    <section aria-labelledby="locations-heading" className="space-y-4">
      <div>
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Everywhere this key is stored or configured. Each must be updated when the key is rotated.
        </p>
      </div>
      <LocationList locations={locations.map(toLocationView)} accessKeyId={accessKeyId} canEdit={canEdit} />
      {canEdit && <section aria-labelledby="add-location-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h3 id="add-location-heading" className="mb-3 font-semibold">
          Add location
        </h3>
        <LocationForm action={addLocation} accessKeyId={accessKeyId} submitLabel="Add location" />
      </section>}
    </section>
  );
}
