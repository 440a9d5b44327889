"use client";
// One button that runs a server action with a few fixed fields, e.g. "Still true" on a location.
import type { ActionState, ServerAction } from "@/lib/auth/action.ts";
import { useFormAction } from "./use-form-action.ts";

type Props<Reply> = {
  action: ServerAction<Reply>;
  fields: Record<string, string>;
  label: string;
  className: string;
  onSettled: (state: ActionState<Reply>) => void;
};

export function ActionButton<Reply>({ action, fields, label, className, onSettled }: Props<Reply>) {
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
