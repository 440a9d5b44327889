// Runs once when the server starts: a bad configuration stops it here, with every problem named,
// instead of failing at the first request (or, worse, serving with a half-valid one). Then the sync
// schedule starts, when one is configured.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env.ts");
  try {
    env();
  } catch (error) {
    console.error(`keyrotate: ${(error as Error).message}`);
    process.exit(1);
  }
  const { startSyncSchedule } = await import("./lib/sync/schedule.ts");
  const next = startSyncSchedule();
  if (next) console.log(`keyrotate: syncing every account on KEYROTATE_SYNC_SCHEDULE; next at ${next.toISOString()}`);
  // What a crash left behind is put right at start, in the background: serving does not wait for IAM.
  const { reconcile } = await import("./lib/rotation/reconcile.ts");
  reconcile()
    .then((findings) => findings.length && console.log(`keyrotate: reconciliation at start: ${findings.map((f) => f.message).join(" | ")}`))
    .catch((error: unknown) => console.error("keyrotate: reconciliation at start failed", error));
}
