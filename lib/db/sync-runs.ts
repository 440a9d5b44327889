import "server-only";
// Sync runs: one row per account per sync, with its progress while it runs and its counts after.
import { db } from "./client.ts";
import type { SyncCounts } from "./inventory.ts";

export type SyncRunSummary = {
  id: string;
  accountId: string | null;
  actor: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: "running" | "ok" | "error";
  error: string | null;
  phase: string | null;
  usersDone: number;
  usersTotal: number;
  iamCalls: number;
} & SyncCounts;

const asSummary = (run: Omit<SyncRunSummary, "status"> & { status: string }): SyncRunSummary => ({
  ...run,
  status: run.status === "ok" ? "ok" : run.status === "error" ? "error" : "running",
});

export async function startSyncRun(actor: string, accountId: string): Promise<string> {
  const run = await db().syncRun.create({ data: { actor, status: "running", accountId, phase: "starting" } });
  return run.id;
}

export async function reportSyncProgress(id: string, p: { phase: string; usersDone: number; usersTotal: number }): Promise<void> {
  await db().syncRun.updateMany({ where: { id, status: "running" }, data: p });
}

export async function finishSyncRun(id: string, outcome: { counts?: SyncCounts; iamCalls?: number; error?: string }): Promise<SyncRunSummary> {
  const run = await db().syncRun.update({
    where: { id },
    data: {
      finishedAt: new Date(),
      status: outcome.error ? "error" : "ok",
      error: outcome.error ?? null,
      phase: null,
      iamCalls: outcome.iamCalls ?? 0,
      ...outcome.counts,
    },
  });
  return asSummary(run);
}

/** Runs of an account still marked running when its lease is free again: their process died. */
export async function markInterruptedRuns(accountId: string): Promise<number> {
  const { count } = await db().syncRun.updateMany({
    where: { accountId, status: "running" },
    data: { status: "error", finishedAt: new Date(), phase: null, error: "Interrupted: the process running this sync stopped before it finished." },
  });
  return count;
}

/** The newest finished sync that succeeded, for "last synced N minutes ago". */
export async function lastSuccessfulSync(): Promise<SyncRunSummary | null> {
  const run = await db().syncRun.findFirst({ where: { status: "ok" }, orderBy: { finishedAt: "desc" } });
  return run ? asSummary(run) : null;
}

/** Syncs under way (started in the last hour: older "running" rows are from a process that died). */
export async function runningSyncs(now = new Date()): Promise<SyncRunSummary[]> {
  const rows = await db().syncRun.findMany({
    where: { status: "running", startedAt: { gt: new Date(now.getTime() - 3_600_000) } },
    orderBy: { startedAt: "asc" },
  });
  return rows.map(asSummary);
}
