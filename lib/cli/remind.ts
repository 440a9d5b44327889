// `keyrotate remind [--dry-run] [--json]`: sends the reminders owed today (cron it daily, e.g. `0 8 * * *`).
// One line per failed reminder on stderr, the summary on stdout; exit 1 when any delivery failed, so cron mails it.
import { describeRun, runReminders } from "../reminders/run.ts";
import { withDb } from "./output.ts";

export async function cliRemind(opts: { dryRun?: boolean; json?: boolean }): Promise<void> {
  const summary = await withDb(() => runReminders({ dryRun: opts.dryRun }));
  if (opts.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    for (const r of summary.results) {
      if (r.outcome === "failed" || r.outcome === "gave-up") {
        const why = r.outcome === "gave-up" ? "gave up after the last attempt" : "failed, retried on the next run";
        console.error(`${r.accessKeyId} (${r.userName}) ${r.milestone}: ${why}: ${r.error}`);
      }
      if (r.outcome === "sent" && r.error) console.error(`${r.accessKeyId} (${r.userName}) ${r.milestone}: sent; ${r.error}`);
      if (r.outcome === "no-channel") console.error(`${r.accessKeyId} (${r.userName}) ${r.milestone}: not sent: ${r.error}`);
      if (r.outcome === "would-send") console.log(`would send ${r.milestone} for ${r.accessKeyId} (${r.userName}) to ${r.contact ?? "the webhook only"}`);
    }
    console.log(describeRun(summary));
  }
  if (summary.failed > 0) process.exitCode = 1;
}
