// A labelled form control with its field errors underneath, wired for screen readers.
import { useId, type ReactNode } from "react";
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

/** A form's last row: its submit button, then the outcome (or "Saving…" while it runs). */
export function SubmitRow({ label, state, pending, pendingText }: { label: string; state: { ok: boolean; message: string }; pending: boolean; pendingText: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
      <button type="submit" disabled={pending} className={primaryButton}>
        {label}
      </button>
      <FormMessage state={state} pending={pending} pendingText={pendingText} />
    </div>
  );
}
