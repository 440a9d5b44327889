import "server-only";
// One sync: IAM → database, recorded as a sync run whether it succeeds or not.
import { env } from "../env.ts";
import { connectIam } from "../iam/index.ts";
import { saveInventory } from "../db/inventory.ts";
import { finishSyncRun, startSyncRun, type SyncRunSummary } from "../db/sync-runs.ts";
import { userMessageOf } from "../errors.ts";

export async function runSync(actor: string): Promise<SyncRunSummary> {
  const runId = await startSyncRun(actor);
  let accountId: string | undefined;
  try {
    const iam = await connectIam();
    accountId = iam.accountId;
    const seenAt = new Date();
    const users = await iam.listUsersWithKeys({ concurrency: env().KEYROTATE_SYNC_CONCURRENCY });
    const counts = await saveInventory(iam.accountId, users, seenAt);
    return await finishSyncRun(runId, { accountId, counts });
  } catch (error) {
    const run = await finishSyncRun(runId, { accountId, error: userMessageOf(error) });
    if (userMessageOf(error) !== (error as Error).message) console.error("sync failed", error);
    return run;
  }
}
