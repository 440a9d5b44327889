import "server-only";
// A sync: every managed account (or one), a few at a time, each recorded as a sync run with its progress.
// One sync per account at a time across every process sharing the database (a lease), so nobody can spend
// an account's IAM budget by asking twice.
import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { iamFor, managedAccounts } from "../accounts/registry.ts";
import { recordReportTime, type AccountRecord } from "../db/accounts.ts";
import { acquireLease, holderName, releaseLease } from "../db/leases.ts";
import { finishSyncRun, markInterruptedRuns, reportSyncProgress, startSyncRun, type SyncRunSummary } from "../db/sync-runs.ts";
import { scopeNeedsTags } from "../auth/scope-config.ts";
import { env } from "../env.ts";
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { reconcileRotations } from "../rotation/reconcile.ts";
import { syncAccount, type SyncProgress } from "./account-sync.ts";
import { recordSyncHistory } from "./sync-history.ts";

// Longer than any sync takes; a holder that dies lets the next sync run after this.
const SYNC_LEASE_MS = 30 * 60_000;
// Accounts synced at once: each has its own IAM budget, but the database and this process are shared.
const ACCOUNTS_AT_ONCE = 2;
// Progress is written at most this often: a 5,000-user account must not make 5,000 writes.
const PROGRESS_EVERY_MS = 500;

export type SyncOutcome = SyncRunSummary & { accountName: string | null };

/** Syncs the managed accounts (or the one named); never throws for one account's failure: see each run. */
export async function runSync(actor: string, opts: { account?: string; onProgress?: (account: AccountRecord, p: SyncProgress) => void } = {}): Promise<SyncOutcome[]> {
  const accounts = await managedAccounts();
  const chosen = opts.account ? accounts.filter((a) => a.name === opts.account) : accounts;
  if (opts.account && chosen.length === 0) {
    throw new KeyrotateError("not-found", `No managed account named ${opts.account}. Accounts: ${accounts.map((a) => a.name).join(", ")}.`);
  }
  const limit = pLimit(ACCOUNTS_AT_ONCE);
  const runs = await Promise.all(chosen.map((account) => limit(() => syncOne(account, actor, opts.onProgress))));
  // The sync saw IAM as it is: a rotation claiming otherwise (a crash between its claim and IAM) is put right now.
  await reconcileRotations().catch((error: unknown) => console.error("reconciling rotations after the sync failed", error));
  return runs;
}

async function syncOne(account: AccountRecord, actor: string, onProgress?: (a: AccountRecord, p: SyncProgress) => void): Promise<SyncOutcome> {
  const holder = holderName(randomUUID());
  const lease = `sync:${account.id}`;
  const taken = await acquireLease(lease, holder, SYNC_LEASE_MS);
  if (!taken.acquired) {
    throw new KeyrotateError(
      "conflict",
      `A sync of ${account.name ?? account.id} is already running (since ${taken.lease.acquiredAt.toISOString().slice(11, 16)} UTC). Wait for it to finish.`,
    );
  }
  const startedAt = new Date();
  // Holding the lease, no other sync of this account runs: a "running" run left behind was interrupted.
  await markInterruptedRuns(account.id);
  const runId = await startSyncRun(actor, account.id);
  let last = 0;
  const progress = (p: SyncProgress) => {
    onProgress?.(account, p);
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && p.usersDone !== p.usersTotal) return;
    last = now;
    reportSyncProgress(runId, p).catch((error: unknown) => console.error("sync progress not recorded", error));
  };
  try {
    const iam = await iamFor(account.id, actor);
    const result = await syncAccount(iam, account.id, startedAt, { concurrency: env().KEYROTATE_SYNC_CONCURRENCY, tags: scopeNeedsTags() ? "required" : "if-allowed", onProgress: progress });
    await recordReportTime(account.id, result.reportGeneratedAt);
    await recordSyncHistory(account.id, new Date());
    const { reportGeneratedAt: _at, iamCalls, ...counts } = result;
    return { ...(await finishSyncRun(runId, { counts, iamCalls })), accountName: account.name };
  } catch (error) {
    if (userMessageOf(error) !== (error as Error)?.message) console.error(`sync of ${account.name ?? account.id} failed`, error);
    return { ...(await finishSyncRun(runId, { error: userMessageOf(error) })), accountName: account.name };
  } finally {
    await releaseLease(lease, holder).catch((error: unknown) => console.error("could not release the sync lease", error));
  }
}

/** One line per account, for the dashboard, the CLI and the audit. */
export function describeSync(runs: SyncOutcome[]): string {
  return runs
    .map((r) =>
      r.status === "error"
        ? `${r.accountName ?? r.accountId}: sync failed: ${r.error}`
        : `${r.accountName ?? r.accountId}: ${r.keysSeen} keys of ${r.usersSeen} users (${r.keysAdded} new, ${r.keysDeleted} gone, ${r.iamCalls} IAM calls)`,
    )
    .join("; ");
}
