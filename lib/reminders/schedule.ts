import "server-only";
// The in-app reminder schedule (KEYROTATE_REMIND_SCHEDULE). Every instance may run it; the "remind" lease
// lets one of them do the run and the others skip it. (The claimed rows alone would already keep a
// reminder from going out twice; the lease spares the other instances the work.)
import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import { appendAudit } from "../db/audit.ts";
import { acquireLease, holderName, releaseLease } from "../db/leases.ts";
import { env } from "../env.ts";
import { describeRun, runReminders } from "./run.ts";

const ACTOR = "keyrotate schedule";
const LEASE = "remind";
/** Longer than a run takes; a holder that dies frees it at this deadline. */
const LEASE_MS = 30 * 60 * 1000;
let job: Cron | undefined;

/** One scheduled run; false when another instance holds the lease. */
export async function scheduledReminders(): Promise<boolean> {
  const holder = holderName(randomUUID());
  try {
    if (!(await acquireLease(LEASE, holder, LEASE_MS)).acquired) return false;
    const summary = await runReminders();
    const message = describeRun(summary);
    console.log(`keyrotate: ${message}`);
    await appendAudit({ actor: ACTOR, actorId: "schedule", actorRole: "system", action: "reminders.send", result: summary.failed ? "error" : "ok", message });
    return true;
  } catch (error) {
    console.error("scheduled reminders failed", error);
    return true;
  } finally {
    await releaseLease(LEASE, holder).catch((error: unknown) => console.error("could not release the remind lease", error));
  }
}

/** Starts the schedule when one is configured; returns when the next run is, or null. */
export function startRemindSchedule(): Date | null {
  const expression = env().KEYROTATE_REMIND_SCHEDULE;
  if (!expression || job) return job?.nextRun() ?? null;
  job = new Cron(expression, { protect: true, name: "keyrotate-remind" }, () => void scheduledReminders());
  return job.nextRun();
}

export function stopRemindSchedule(): void {
  job?.stop();
  job = undefined;
}
