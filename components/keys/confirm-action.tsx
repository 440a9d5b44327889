"use client";
// A button that asks before it acts: the dialog names the key and says what will happen, takes any
// extra answers the action needs, and stays open on a refusal so the person can answer and retry.
import { useId, useRef, useState, type ReactNode, type RefObject } from "react";
import type { ActionState, ServerAction } from "@/lib/auth/action.ts";
import { dangerButton, primaryButton, secondaryButton } from "../ui/button.ts";
import { Field, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";
import { useShowModal } from "./use-modal.ts";

export type ConfirmField =
  | { kind: "textarea"; name: string; label: string; hint?: string }
  | { kind: "checkbox"; name: string; label: string; hint?: string };

type Props = {
  /** A key action: its reply carries nothing but the message. */
  action: ServerAction<undefined>;
  /** Sent with every submit, e.g. `{ accessKeyId }`. */
  hidden: Record<string, string>;
  /** The button's text, e.g. "Deactivate". */
  label: string;
  /** The button's accessible name; starts with `label`, e.g. "Deactivate AKIA…". */
  name: string;
  /** The dialog's heading and name, e.g. "Deactivate key AKIA… of user alice?". */
  title: string;
  /** What will happen. */
  description: ReactNode;
  confirmLabel: string;
  fields?: ConfirmField[];
  tone?: "danger" | "primary";
  /**
   * Takes the success message when the outcome changes the page around this button (the key's status
   * flips, the row goes away); without it the message shows beside the button.
   */
  onSuccess?: (state: ActionState) => void;
};

export function ConfirmAction({ action, hidden, label, name, title, description, confirmLabel, fields = [], tone = "danger", onSuccess }: Props) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState("");
  // The answer already on screen when the dialog opened; older answers are not shown again.
  const [seen, setSeen] = useState<ActionState | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { state, pending, onSubmit } = useFormAction(action, (next) => {
    if (!next.ok) return;
    dialogRef.current?.close();
    if (onSuccess) onSuccess(next);
    else setDone(next.message);
  });

  function openDialog() {
    setSeen(state);
    setDone("");
    setOpen(true);
  }

  const answer = state === seen ? null : state;
  return (
    <>
      <button type="button" aria-label={name} onClick={openDialog} disabled={pending} className={tone === "danger" ? dangerButton : primaryButton}>
        {label}
      </button>
      {!onSuccess && (
        <span aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {done}
        </span>
      )}
      {open && (
        <ConfirmDialog
          dialogRef={dialogRef}
          title={title}
          description={description}
          hidden={hidden}
          fields={fields}
          confirmLabel={confirmLabel}
          confirmClass={tone === "danger" ? dangerButton : primaryButton}
          answer={answer}
          pending={pending}
          onSubmit={onSubmit}
          onClosed={() => setOpen(false)}
        />
      )}
    </>
  );
}

type DialogProps = {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  description: ReactNode;
  hidden: Record<string, string>;
  fields: ConfirmField[];
  confirmLabel: string;
  confirmClass: string;
  answer: ActionState | null;
  pending: boolean;
  onSubmit: ReturnType<typeof useFormAction>["onSubmit"];
  onClosed: () => void;
};

function ConfirmDialog({ dialogRef, title, description, hidden, fields, confirmLabel, confirmClass, answer, pending, onSubmit, onClosed }: DialogProps) {
  useShowModal(dialogRef);
  const id = useId();
  const errors = answer?.errors ?? {};
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      // A request in flight finishes either way; closing now would hide its answer.
      onCancel={(event) => pending && event.preventDefault()}
      onClose={onClosed}
      className="m-auto w-full max-w-lg rounded-lg bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-950/60 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <h2 id={`${id}-title`} className="text-lg font-semibold break-words">
          {title}
        </h2>
        <div id={`${id}-description`} className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
          {description}
        </div>
        {Object.entries(hidden).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        {fields.map((field) => (
          <ExtraField key={field.name} field={field} errors={errors[field.name]} />
        ))}
        <p aria-live="polite" className={`text-sm ${answer && !answer.ok && !pending ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
          {pending ? "Working…" : answer?.message}
        </p>
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={pending} aria-busy={pending} className={confirmClass}>
            {confirmLabel}
          </button>
          <button type="button" disabled={pending} onClick={() => dialogRef.current?.close()} className={secondaryButton}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ExtraField({ field, errors }: { field: ConfirmField; errors?: string[] }) {
  const id = useId();
  if (field.kind === "textarea") {
    return (
      <Field label={field.label} hint={field.hint} errors={errors}>
        {(p) => <textarea {...p} name={field.name} rows={3} className={controlClass} />}
      </Field>
    );
  }
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name={field.name}
          value="on"
          aria-invalid={invalid}
          aria-describedby={[field.hint ? `${id}-hint` : "", invalid ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          className="mt-0.5"
        />
        <span className="font-medium">{field.label}</span>
      </label>
      {field.hint && (
        <p id={`${id}-hint`} className="mt-1 ml-6 text-xs text-slate-500 dark:text-slate-400">
          {field.hint}
        </p>
      )}
      {invalid && (
        <p id={`${id}-error`} className="mt-1 ml-6 text-sm text-red-700 dark:text-red-300">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
