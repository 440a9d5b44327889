import "server-only";
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
} & SyncCounts;

export async function startSyncRun(actor: string): Promise<string> {
  const run = await db().syncRun.create({ data: { actor, status: "running" } });
  return run.id;
}

export async function finishSyncRun(
  id: string,
  outcome: { accountId?: string; counts?: SyncCounts; error?: string },
): Promise<SyncRunSummary> {
  const run = await db().syncRun.update({
    where: { id },
    data: {
      accountId: outcome.accountId,
      finishedAt: new Date(),
      status: outcome.error ? "error" : "ok",
      error: outcome.error ?? null,
      ...outcome.counts,
    },
  });
  return run as SyncRunSummary;
}

/** The newest finished sync that succeeded, for "last synced N minutes ago". */
export async function lastSuccessfulSync(): Promise<SyncRunSummary | null> {
  const run = await db().syncRun.findFirst({ where: { status: "ok" }, orderBy: { finishedAt: "desc" } });
  return run as SyncRunSummary | null;
}
