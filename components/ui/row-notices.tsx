"use client";
// A row whose action removes the row's own button (an account removed, a token revoked) loses the message
// beside it with the next render: the outcome is announced once for the whole table, below it.
import { createContext, use, useState, type ReactNode } from "react";
import type { ActionState, ServerAction } from "@/lib/auth/action.ts";
import { dangerButton } from "./button.ts";
import { FormMessage } from "./field.tsx";
import type { Notice } from "./notice-toast.tsx";
import { useFormAction } from "./use-form-action.ts";

const Announce = createContext<(notice: Notice) => void>(() => {});

export function RowNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <Announce value={setNotice}>
      {children}
      <p aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {notice?.message}
      </p>
    </Announce>
  );
}

type RowActionProps<Reply> = { action: ServerAction<Reply>; fields: Record<string, string>; label: string; children: ReactNode };

/** A one-button form posting `fields`; a success is said by the enclosing RowNotices, a refusal beside the button. */
export function RowActionButton<Reply>({ action, fields, label, children }: RowActionProps<Reply>) {
  const announce = use(Announce);
  const { state, pending, onSubmit } = useFormAction(action, (answer: ActionState<Reply>) => {
    if (answer.ok) announce(answer);
  });
  return (
    <form onSubmit={onSubmit} className="inline-flex items-center gap-2">
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <button type="submit" disabled={pending} aria-label={label} className={dangerButton}>
        {children}
      </button>
      {!state.ok && <FormMessage state={state} pending={pending} />}
    </form>
  );
}
