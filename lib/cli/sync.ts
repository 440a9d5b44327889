// `keyrotate sync [--account NAME]`: every managed account, a few at a time, with progress on stderr (a bar
// on a terminal, plain lines otherwise) and one summary line per account on stdout.
import type { AccountRecord } from "../db/accounts.ts";
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import type { SyncProgress } from "../sync/account-sync.ts";
import { runSync, type SyncOutcome } from "../sync/run-sync.ts";
import { cliActor } from "./actor.ts";
import { withDb } from "./output.ts";

const BAR = 24;
const PHASES: Record<SyncProgress["phase"], string> = { "credential report": "reading the credential report", users: "reading users", saving: "saving" };

/** Progress for people: a redrawn bar on a terminal; a line per phase and per tenth otherwise (logs, cron). */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const lastTenth = new Map<string, number>();
  const lastPhase = new Map<string, string>();
  return (account: AccountRecord, p: SyncProgress) => {
    const name = account.name ?? account.id;
    const share = p.usersTotal ? p.usersDone / p.usersTotal : 0;
    if (stream.isTTY) {
      const filled = Math.round(share * BAR);
      stream.write(`\r${name}: ${PHASES[p.phase]} [${"#".repeat(filled)}${".".repeat(BAR - filled)}] ${p.usersDone}/${p.usersTotal}   `);
      if (p.phase === "saving") stream.write("\n");
      return;
    }
    const tenth = Math.floor(share * 10);
    if (lastPhase.get(name) === p.phase && (p.phase !== "users" || lastTenth.get(name) === tenth)) return;
    lastPhase.set(name, p.phase);
    lastTenth.set(name, tenth);
    stream.write(`${name}: ${PHASES[p.phase]}${p.phase === "users" ? ` ${p.usersDone}/${p.usersTotal}` : ""}\n`);
  };
}

export function syncLine(r: SyncOutcome): string {
  const name = `${r.accountName ?? "account"} (${r.accountId})`;
  return r.status === "error"
    ? `Sync of ${name} failed: ${r.error}`
    : `Synced ${name}: ${r.usersSeen} users, ${r.keysSeen} keys (${r.keysAdded} new, ${r.keysDeleted} gone), ${r.iamCalls} IAM calls.`;
}

export async function cliSync(opts: { account?: string } = {}): Promise<void> {
  await withDb(async () => {
    const actor = await cliActor();
    const runs = await runSync(actor.actor, { account: opts.account, onProgress: progressPrinter() });
    for (const run of runs) {
      // The same audit record the dashboard's "Sync now" writes, one per account.
      await appendAudit({ ...actor, action: "inventory.sync", accountId: run.accountId, result: run.status === "error" ? "error" : "ok", message: syncLine(run) });
      (run.status === "error" ? console.error : console.log)(syncLine(run));
    }
    const failed = runs.filter((r) => r.status === "error");
    if (failed.length > 0) throw new KeyrotateError("iam-unreachable", `${failed.length} of ${runs.length} account(s) failed to sync.`);
  });
}
