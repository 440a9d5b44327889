import { getCallerIdentity } from "../iam/index.ts";
import { runSync } from "../sync/run-sync.ts";
import { KeyrotateError } from "../errors.ts";
import { withDb } from "./output.ts";

/** The CLI acts as the AWS identity its credentials belong to. */
export async function cliActor(): Promise<string> {
  const me = await getCallerIdentity();
  return `cli:${me.arn}`;
}

export async function cliSync(): Promise<void> {
  await withDb(async () => {
    const run = await runSync(await cliActor());
    if (run.status === "error") throw new KeyrotateError("iam-unreachable", run.error ?? "sync failed");
    console.log(
      `Synced account ${run.accountId}: ${run.usersSeen} users, ${run.keysSeen} keys (${run.keysAdded} new, ${run.keysDeleted} gone).`,
    );
  });
}
