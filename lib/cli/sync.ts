import { runSync } from "../sync/run-sync.ts";
import { KeyrotateError } from "../errors.ts";
import { appendAudit } from "../db/audit.ts";
import { cliActor } from "./actor.ts";
import { withDb } from "./output.ts";

export async function cliSync(): Promise<void> {
  await withDb(async () => {
    const actor = await cliActor();
    const run = await runSync(actor.actor);
    const ok = run.status !== "error";
    const message = ok
      ? `Synced account ${run.accountId}: ${run.usersSeen} users, ${run.keysSeen} keys (${run.keysAdded} new, ${run.keysDeleted} gone).`
      : `Sync failed: ${run.error}`;
    // The same audit record the dashboard's "Sync now" writes.
    await appendAudit({ ...actor, action: "inventory.sync", accountId: run.accountId, result: ok ? "ok" : "error", message });
    if (!ok) throw new KeyrotateError("iam-unreachable", run.error ?? "sync failed");
    console.log(message);
  });
}
