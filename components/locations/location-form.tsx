"use client";
// The add and edit form of a location: the same fields, errors under each, the outcome announced.
import { useId } from "react";
import type { ActionState, ServerAction } from "@/lib/auth/action.ts";
import { LOCATION_KINDS, LOCATION_KIND_LABELS } from "@/lib/locations/schema.ts";
import { primaryButton, secondaryButton } from "../ui/button.ts";
import { Field, FormMessage, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";
import type { LocationView } from "./location-view.ts";

const ENVIRONMENTS = ["integration", "staging", "production"];

type Props = {
  /** addLocation or editLocation, chosen by the component that shows the form. */
  action: ServerAction<undefined>;
  accessKeyId: string;
  /** The location being edited; none to add one. */
  location?: LocationView;
  /** Values proposed for a new location (e.g. from CloudTrail), which the person checks before saving. */
  prefill?: Partial<Pick<LocationView, "kind" | "system" | "environment" | "identifier" | "notes">>;
  submitLabel: string;
  onSaved?: (state: ActionState) => void;
  onCancel?: () => void;
};

export function LocationForm({ action, accessKeyId, location: edited, prefill, submitLabel, onSaved, onCancel }: Props) {
  const location = edited ?? prefill;
  const { state, pending, formRef, onSubmit } = useFormAction(action, (s) => s.ok && onSaved?.(s));
  const environments = useId();
  const errors = state.errors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="accessKeyId" value={accessKeyId} />
      {edited && <input type="hidden" name="id" value={edited.id} />}
      <Field label="Kind" errors={errors.kind}>
        {(p) => (
          <select {...p} name="kind" defaultValue={location?.kind ?? ""} aria-required autoFocus={Boolean(location)} className={controlClass}>
            {!edited && <option value="">Choose a kind…</option>}
            {LOCATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {LOCATION_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="System" errors={errors.system} hint="Where the key is stored, e.g. govuk-secrets or Fastly.">
        {(p) => <input {...p} name="system" defaultValue={location?.system} aria-required autoComplete="off" className={controlClass} />}
      </Field>
      <Field label="Environment" errors={errors.environment}>
        {(p) => (
          <>
            <input {...p} name="environment" list={environments} defaultValue={location?.environment} aria-required autoComplete="off" className={controlClass} />
            <datalist id={environments}>
              {ENVIRONMENTS.map((env) => (
                <option key={env} value={env} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Identifier" errors={errors.identifier} hint="The key's name there, e.g. a hieradata key or a CI variable.">
        {(p) => <input {...p} name="identifier" defaultValue={location?.identifier} aria-required autoComplete="off" className={`${controlClass} font-mono`} />}
      </Field>
      <Field label="Notes" errors={errors.notes} hint="Optional." className="sm:col-span-2">
        {(p) => <textarea {...p} name="notes" rows={2} defaultValue={location?.notes ?? ""} className={controlClass} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className={secondaryButton}>
            Cancel
          </button>
        )}
        <FormMessage state={state} pending={pending} pendingText="Saving…" />
      </div>
    </form>
  );
}
