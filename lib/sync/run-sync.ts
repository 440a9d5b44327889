import "server-only";
// One sync: IAM → database, recorded as a sync run whether it succeeds or not. One at a time across every
// process sharing the database (a lease), so nobody can spend the account's IAM budget by asking twice.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { env } from "../env.ts";
import { connectIam } from "../iam/index.ts";
import { saveInventory } from "../db/inventory.ts";
import { acquireLease, releaseLease } from "../db/leases.ts";
import { finishSyncRun, startSyncRun, type SyncRunSummary } from "../db/sync-runs.ts";
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { scopeNeedsTags } from "../auth/scope-config.ts";

const SYNC_LEASE = "sync";
// Longer than any sync takes; a holder that dies lets the next sync run after this.
const SYNC_LEASE_MS = 30 * 60_000;

export async function runSync(actor: string): Promise<SyncRunSummary> {
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const { acquired, lease } = await acquireLease(SYNC_LEASE, holder, SYNC_LEASE_MS);
  if (!acquired) {
    throw new KeyrotateError("conflict", `A sync is already running (since ${lease.acquiredAt.toISOString().slice(11, 16)} UTC). Wait for it to finish.`);
  }
  try {
    return await syncOnce(actor);
  } finally {
    await releaseLease(SYNC_LEASE, holder).catch((error: unknown) => console.error("could not release the sync lease", error));
  }
}

async function syncOnce(actor: string): Promise<SyncRunSummary> {
  const runId = await startSyncRun(actor);
  let accountId: string | undefined;
  try {
    const iam = await connectIam();
    accountId = iam.accountId;
    const seenAt = new Date();
    const users = await iam.listUsersWithKeys({ concurrency: env().KEYROTATE_SYNC_CONCURRENCY, withTags: scopeNeedsTags() });
    const counts = await saveInventory(iam.accountId, users, seenAt);
    return await finishSyncRun(runId, { accountId, counts });
  } catch (error) {
    const run = await finishSyncRun(runId, { accountId, error: userMessageOf(error) });
    if (userMessageOf(error) !== (error as Error).message) console.error("sync failed", error);
    return run;
  }
}
