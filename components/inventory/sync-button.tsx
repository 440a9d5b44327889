"use client";
import { useActionState } from "react";
import { syncNow } from "@/app/(dashboard)/sync/actions.ts";
import { primaryButton } from "../ui/button.ts";
import { IDLE } from "../ui/use-form-action.ts";

export function SyncButton() {
  const [state, formAction, pending] = useActionState(syncNow, IDLE);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className={primaryButton}
      >
        {pending ? "Syncing…" : "Sync now"}
      </button>
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`}>
        {pending ? "Reading IAM…" : state.message}
      </p>
    </form>
  );
}
