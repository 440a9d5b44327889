// What a sync is doing now, per account: the dashboard polls it while a sync runs (from any instance,
// the CLI or the schedule).
import { guardedRoute } from "@/lib/auth/gate.ts";
import { listKnownAccounts } from "@/lib/db/accounts.ts";
import { runningSyncs } from "@/lib/db/sync-runs.ts";

export const dynamic = "force-dynamic";

export type SyncStatus = {
  running: { accountId: string | null; accountName: string | null; phase: string | null; usersDone: number; usersTotal: number; startedAt: string }[];
};

export const GET = guardedRoute("inventory.read", async () => {
  const [runs, accounts] = await Promise.all([runningSyncs(), listKnownAccounts()]);
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  const body: SyncStatus = {
    running: runs.map((r) => ({
      accountId: r.accountId,
      accountName: r.accountId ? (nameOf.get(r.accountId) ?? null) : null,
      phase: r.phase,
      usersDone: r.usersDone,
      usersTotal: r.usersTotal,
      startedAt: r.startedAt.toISOString(),
    })),
  };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
});
