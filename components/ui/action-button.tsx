"use client";
// One button that runs a server action with a few fixed fields, e.g. "Still true" on a location.
import type { ActionState } from "@/lib/auth/action.ts";
import { useFormAction, type FormAction } from "./use-form-action.ts";

type Props = {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  className: string;
  onSettled: (state: ActionState) => void;
};

export function ActionButton({ action, fields, label, className, onSettled }: Props) {
  const { pending, onSubmit } = useFormAction(action, onSettled);
  return (
    <form onSubmit={onSubmit} className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} aria-busy={pending} className={className}>
        {label}
      </button>
    </form>
  );
}
