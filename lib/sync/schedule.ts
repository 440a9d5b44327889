import "server-only";
// The in-app schedule (KEYROTATE_SYNC_SCHEDULE): the server syncs every account on a cron expression.
// Several instances may all run it; the per-account lease lets one of them sync and the others skip.
import { Cron } from "croner";
import { appendAudit } from "../db/audit.ts";
import { env } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { describeSync, runSync } from "./run-sync.ts";

const ACTOR = "keyrotate schedule";
let job: Cron | undefined;

export async function scheduledSync(): Promise<void> {
  try {
    const runs = await runSync(ACTOR);
    for (const run of runs) {
      await appendAudit({ actor: ACTOR, actorId: "schedule", actorRole: "system", action: "inventory.sync", accountId: run.accountId, result: run.status === "error" ? "error" : "ok", message: describeSync([run]) });
    }
  } catch (error) {
    // Another instance holds the lease: it is syncing, which is what the schedule wanted.
    if (error instanceof KeyrotateError && error.code === "conflict") return;
    console.error("scheduled sync failed", error);
  }
}

/** Starts the schedule when one is configured; returns when the next run is, or null. */
export function startSyncSchedule(): Date | null {
  const expression = env().KEYROTATE_SYNC_SCHEDULE;
  if (!expression || job) return job?.nextRun() ?? null;
  // protect: a run still going when the next is due is not started twice in this process.
  job = new Cron(expression, { protect: true, name: "keyrotate-sync" }, scheduledSync);
  return job.nextRun();
}

export function stopSyncSchedule(): void {
  job?.stop();
  job = undefined;
}
