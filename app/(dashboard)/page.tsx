import { SummaryCards } from "@/components/inventory/summary-cards.tsx";
import { KeysTable } from "@/components/inventory/keys-table.tsx";
import { SyncButton } from "@/components/inventory/sync-button.tsx";
import { timeAgo } from "@/components/ui/format.ts";
import { loadKeyRows } from "@/lib/inventory/dashboard.ts";
import { lastSuccessfulSync } from "@/lib/db/sync-runs.ts";
import { syncNow } from "./actions.ts";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const now = new Date();
  const [{ rows, summary, thresholds }, lastSync] = await Promise.all([loadKeyRows(now), lastSuccessfulSync()]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Access keys</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="last-synced">
            {lastSync?.finishedAt
              ? `Last synced ${timeAgo(lastSync.finishedAt, now)} (${lastSync.keysSeen} keys)`
              : "Never synced: press Sync now to read IAM."}
          </p>
        </div>
        <SyncButton action={syncNow} />
      </div>
      <SummaryCards summary={summary} />
      <KeysTable rows={rows} thresholds={thresholds} />
    </div>
  );
}
