// What the server does once at start, on Node.js only (instrumentation.ts imports it there): a bad
// configuration stops it here, with every problem named, instead of failing at the first request (or,
// worse, serving with a half-valid one). Then the sync schedule starts, when one is configured, and what
// a crash left behind is put right in the background: serving does not wait for IAM.
import { env } from "./env.ts";
import { startRemindSchedule } from "./reminders/schedule.ts";
import { reconcile } from "./rotation/reconcile.ts";
import { startSyncSchedule } from "./sync/schedule.ts";

export function startServer(): void {
  try {
    env();
  } catch (error) {
    console.error(`keyrotate: ${(error as Error).message}`);
    process.exit(1);
  }
  const next = startSyncSchedule();
  if (next) console.log(`keyrotate: syncing every account on KEYROTATE_SYNC_SCHEDULE; next at ${next.toISOString()}`);
  const nextReminders = startRemindSchedule();
  if (nextReminders) console.log(`keyrotate: sending reminders on KEYROTATE_REMIND_SCHEDULE; next at ${nextReminders.toISOString()}`);
  reconcile()
    .then((findings) => findings.length && console.log(`keyrotate: reconciliation at start: ${findings.map((f) => f.message).join(" | ")}`))
    .catch((error: unknown) => console.error("keyrotate: reconciliation at start failed", error));
}
