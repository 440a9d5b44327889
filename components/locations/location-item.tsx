"use client";
// One location on the key page: its facts, and Edit (inline), "Still true" and Remove (after a
// confirm step that names it). Focus returns to the button that opened a step when the step closes.
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { confirmLocation, editLocation, removeLocation } from "@/app/(dashboard)/locations/actions.ts";
import type { ActionState } from "@/lib/auth/action.ts";
import { describeLocation } from "@/lib/locations/describe.ts";
import { ActionButton } from "../ui/action-button.tsx";
import { dangerButton, secondaryButton } from "../ui/button.ts";
import { LocationDetails } from "./location-details.tsx";
import { LocationForm } from "./location-form.tsx";
import type { LocationView } from "./location-view.ts";

export type Announce = (state: ActionState, opts?: { focus?: boolean }) => void;

type Props = { location: LocationView; accessKeyId: string; announce: Announce; canEdit: boolean };
type Mode = "view" | "edit" | "remove";

export function LocationItem({ location, accessKeyId, announce, canEdit }: Props) {
  const [mode, setMode] = useState<Mode>("view");
  const opener = useRef<Exclude<Mode, "view"> | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const ids = { id: location.id, accessKeyId };

  useEffect(() => {
    if (mode !== "view" || !opener.current) return;
    (opener.current === "edit" ? editButton : removeButton).current?.focus();
    opener.current = null;
  }, [mode]);

  const close = () => {
    opener.current = mode === "view" ? null : mode;
    setMode("view");
  };

  return (
    <li aria-label={describeLocation(location)} className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      {mode === "edit" ? (
        <LocationForm
          action={editLocation}
          accessKeyId={accessKeyId}
          location={location}
          submitLabel="Save"
          onSaved={(state) => {
            announce(state);
            close();
          }}
          onCancel={close}
        />
      ) : (
        <>
          <LocationDetails location={location} />
          {canEdit && <div className="mt-3 flex flex-wrap items-center gap-2">
            <button ref={editButton} type="button" onClick={() => setMode("edit")} className={secondaryButton}>
              Edit
            </button>
            <ActionButton action={confirmLocation} fields={ids} label="Still true" className={secondaryButton} onSettled={announce} />
            {mode === "remove" ? (
              <RemoveStep location={location} onCancel={close}>
                <ActionButton
                  action={removeLocation}
                  fields={ids}
                  label="Yes, remove"
                  className={dangerButton}
                  onSettled={(state) => (state.ok ? announce(state, { focus: true }) : (announce(state), close()))}
                />
              </RemoveStep>
            ) : (
              <button ref={removeButton} type="button" onClick={() => setMode("remove")} className={secondaryButton}>
                Remove
              </button>
            )}
          </div>}
        </>
      )}
    </li>
  );
}

function RemoveStep({ location, onCancel, children }: { location: LocationView; onCancel: () => void; children: ReactNode }) {
  const prompt = useId();
  return (
    <div
      role="group"
      aria-labelledby={prompt}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
      className="flex w-full flex-wrap items-center gap-2 rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
    >
      <p id={prompt} className="w-full text-sm text-red-900 dark:text-red-100">
        Remove {describeLocation(location)}? This deletes the record of where the key is used; it does not change the key.
      </p>
      {children}
      <button type="button" autoFocus onClick={onCancel} className={secondaryButton}>
        Cancel
      </button>
    </div>
  );
}
