import Link from "next/link";
import { Suspense } from "react";
import { ExportLinks } from "@/components/inventory/export-links.tsx";
import { SummaryCards } from "@/components/inventory/summary-cards.tsx";
import { KeysTable, type KeyTableRow } from "@/components/inventory/keys-table.tsx";
import { SyncButton } from "@/components/inventory/sync-button.tsx";
import { OwnerCountsTable } from "@/components/owners/owner-counts.tsx";
import { PanelSkeleton } from "@/components/ui/panel-skeleton.tsx";
import { formatDateTime, timeAgo } from "@/components/ui/format.ts";
import { pageActor } from "@/lib/auth/gate.ts";
import { can, keyPermissions } from "@/lib/auth/roles.ts";
import { loadKeyPage, loadOwnerCounts } from "@/lib/inventory/dashboard.ts";
import { parseKeyView } from "@/lib/inventory/key-view.ts";
import { listActiveRotations, type RotationRecord } from "@/lib/db/rotations.ts";
import { lastSuccessfulSync } from "@/lib/db/sync-runs.ts";
import { stepLabel } from "@/lib/rotation/rules/index.ts";

export const dynamic = "force-dynamic";

const userKey = (r: { accountId: string; userName: string }) => `${r.accountId}/${r.userName}`;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const { actor } = await pageActor("inventory.read", "/");
  const now = new Date();
  const view = parseKeyView(await searchParams);
  const [keys, lastSync, rotations] = await Promise.all([loadKeyPage(view, now), lastSuccessfulSync(), listActiveRotations()]);
  const { rows, summary, thresholds } = keys;
  const rotationOf = new Map(rotations.map((r) => [userKey(r), r]));
  const tableRows: KeyTableRow[] = rows.map((row) => {
    const rotation = rotationOf.get(userKey(row));
    return rotation ? { ...row, rotationId: rotation.id, rotationStep: stepLabel(rotation.step) } : row;
  });
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
        {can(actor.role, "inventory.sync") && <SyncButton />}
      </div>
      <SummaryCards summary={summary} />
      <RotationsInProgress rotations={rotations} now={now} />
      <ExportLinks />
      <KeysTable
        rows={tableRows}
        total={keys.total}
        all={summary.keys}
        view={view}
        page={keys.page}
        pages={keys.pages}
        accounts={keys.accounts}
        teams={keys.teams}
        thresholds={thresholds}
        permissions={keyPermissions(actor.role)}
      />
      <Suspense fallback={<PanelSkeleton label="Loading the keys by owner" rows={3} />}>
        <KeysByOwner now={now} />
      </Suspense>
    </div>
  );
}

async function KeysByOwner({ now }: { now: Date }) {
  const owners = await loadOwnerCounts(now);
  if (owners.length === 0) return null;
  return (
    <section aria-labelledby="owners-heading" className="space-y-2">
      <h2 id="owners-heading" className="font-semibold">
        Keys by owner
      </h2>
      <OwnerCountsTable owners={owners} />
    </section>
  );
}

function RotationsInProgress({ rotations, now }: { rotations: RotationRecord[]; now: Date }) {
  return (
    <section aria-labelledby="rotations-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="rotations-heading" className="font-semibold">
        Rotations in progress
      </h2>
      {rotations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No rotation in progress.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {rotations.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
              <span className="font-medium">{r.userName}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">account {r.accountId}</span>
              <span>Step: {stepLabel(r.step)}</span>
              <span className="text-slate-600 dark:text-slate-400">
                started by {r.startedBy}{" "}
                <time dateTime={r.startedAt.toISOString()} title={formatDateTime(r.startedAt)}>
                  {timeAgo(r.startedAt, now)}
                </time>
              </span>
              <Link href={`/rotations/${r.id}`} className="ml-auto font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
                Open rotation<span className="sr-only"> of {r.userName}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
