// A labelled form control with its field errors underneath, wired for screen readers.
import { useId, type ReactNode } from "react";
import { ROLES } from "@/lib/auth/roles.ts";
import { primaryButton } from "./button.ts";

export const controlClass =
  "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 aria-[invalid=true]:border-red-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400";

export type ControlProps = { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

export function Field({
  label,
  errors,
  hint,
  className,
  children,
}: {
  label: string;
  errors?: string[];
  hint?: string;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": invalid, "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

export function FormMessage({ state, pending, pendingText }: { state: { ok: boolean; message: string }; pending: boolean; pendingText?: string }) {
  const text = pending ? (pendingText ?? "") : state.message;
  return (
    <p aria-live="polite" className={`text-sm ${state.ok || pending ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`}>
      {text}
    </p>
  );
}

/** A select's options, each shown as its own value. */
export function Options({ values }: { values: readonly (string | number)[] }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));
}

/** A role to choose, from viewer up. */
export function RoleField(props: { label: string; name: string; defaultValue: string; errors?: string[]; hint?: string }) {
  return (
    <Field label={props.label} errors={props.errors} hint={props.hint}>
      {(p) => (
        <select {...p} name={props.name} defaultValue={props.defaultValue} className={controlClass}>
          <Options values={ROLES} />
        </select>
      )}
    </Field>
  );
}

/** A form's submit button with its message beside it, across the form's grid; `busyLabel` replaces the label while pending. */
export function SubmitRow(props: { label: string; busyLabel?: string; state: { ok: boolean; message: string }; pending: boolean; pendingText?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
      <button type="submit" disabled={props.pending} className={primaryButton}>
        {props.pending && props.busyLabel ? props.busyLabel : props.label}
      </button>
      <FormMessage state={props.state} pending={props.pending} pendingText={props.pendingText} />
    </div>
  );
}
