"use client";
// "Sync now", and what a running sync is doing per account (users done / total, phase), polled while
// one runs — whether it was started here, by someone else, the CLI or the schedule.
import { useQuery } from "@tanstack/react-query";
import { useActionState } from "react";
import { syncNow } from "@/app/(dashboard)/sync/actions.ts";
import type { SyncStatus } from "@/app/api/v1/sync/status/route.ts";
import { primaryButton } from "../ui/button.ts";
import { IDLE } from "../ui/use-form-action.ts";

async function fetchStatus(): Promise<SyncStatus> {
  const response = await fetch("/api/v1/sync/status", { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

export function SyncButton({ initiallyRunning = false }: { initiallyRunning?: boolean }) {
  const [state, formAction, pending] = useActionState(syncNow, IDLE);
  const status = useQuery({
    queryKey: ["sync-status"],
    queryFn: fetchStatus,
    // Poll only while something runs; one look after a click catches a sync that just started.
    refetchInterval: (query) => (pending || (query.state.data?.running.length ?? (initiallyRunning ? 1 : 0)) > 0 ? 1000 : false),
    enabled: pending || initiallyRunning,
  });
  const running = status.data?.running ?? [];
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Syncing…" : "Sync now"}
        </button>
        <p aria-live="polite" className={`text-sm ${state.ok ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-300"}`}>
          {pending ? "Reading IAM…" : state.message}
        </p>
      </div>
      {running.length > 0 && (
        <ul aria-label="Sync progress" className="text-xs text-slate-700 dark:text-slate-300" data-testid="sync-progress">
          {running.map((r) => (
            <li key={`${r.accountId}-${r.startedAt}`}>
              {r.accountName ?? r.accountId ?? "account"}: {r.phase ?? "starting"}
              {r.usersTotal > 0 && ` ${r.usersDone}/${r.usersTotal} users`}
              <progress className="ml-2 h-2 w-24 align-middle" max={r.usersTotal || 1} value={r.usersDone} aria-label={`${r.accountName ?? "account"} sync progress`} />
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
