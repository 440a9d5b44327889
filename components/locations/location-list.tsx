"use client";
// The key's locations, with one status line that announces what the last Edit, "Still true" or Remove
// did (a removed location's own controls are gone by the time its answer arrives).
import Link from "next/link";
import { useRef, useState } from "react";
import type { ActionState } from "@/lib/auth/action.ts";
import { LocationItem, type Announce } from "./location-item.tsx";
import type { LocationView } from "./location-view.ts";

type Props = { locations: LocationView[]; accessKeyId: string; canEdit: boolean };

export function LocationList({ locations, accessKeyId, canEdit }: Props) {
  const [notice, setNotice] = useState<ActionState | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const announce: Announce = (state, opts) => {
    setNotice(state);
    if (opts?.focus) status.current?.focus();
  };
  return (
    <div className="space-y-3">
      <p
        ref={status}
        tabIndex={-1}
        aria-live="polite"
        className={`text-sm outline-none ${notice?.ok === false ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}
      >
        {notice?.message}
      </p>
      {locations.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No locations recorded yet. Add where this key is used below, or{" "}
          <Link href="/locations/import" className="text-blue-700 underline dark:text-blue-300">
            import a CSV
          </Link>
          .
        </p>
      ) : (
        <ul aria-label="Locations of this key" className="space-y-3">
          {locations.map((location) => (
            <LocationItem key={location.id} location={location} accessKeyId={accessKeyId} announce={announce} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </div>
  );
}
