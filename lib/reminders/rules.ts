// Which reminder a key is owed today. Pure: the key's facts, `now` and the maximum age are passed.
// Before the due date, one reminder per milestone (15, 7 and 1 days before); once overdue, one a day.
// A key first seen between milestones gets the latest one it has passed, so a missed run catches up
// with one reminder, not several.
import { ageInDays, type Flag } from "../inventory/flags.ts";
import type { KeyStatus } from "../iam/types.ts";

export const MILESTONE_DAYS = [15, 7, 1] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ReminderKey = { status: KeyStatus; createDate: Date };
export type DueReminder = {
  /** With the key's account and id, the reminder's identity: "due-15", "due-7", "due-1" or "overdue-YYYY-MM-DD". */
  milestone: string;
  dueDate: Date;
  /** Days until the key reaches the maximum age; negative once overdue. */
  daysLeft: number;
};

export function dueReminder(key: ReminderKey, now: Date, maxAgeDays: number): DueReminder | null {
  // An inactive key is on its way out: nobody needs to be told to rotate it.
  if (key.status !== "Active") return null;
  const daysLeft = maxAgeDays - ageInDays(key.createDate, now);
  const dueDate = new Date(key.createDate.getTime() + maxAgeDays * DAY_MS);
  // The same boundary as the "overdue" flag: older than the maximum age.
  if (daysLeft < 0) return { milestone: `overdue-${now.toISOString().slice(0, 10)}`, dueDate, daysLeft };
  // The smallest milestone not yet below daysLeft: 10 days left is past "15" but not yet at "7".
  const passed = [...MILESTONE_DAYS].reverse().find((m) => daysLeft <= m);
  return passed === undefined ? null : { milestone: `due-${passed}`, dueDate, daysLeft };
}

/**
 * Whether the key's exemptions (the flags they hold back) silence this reminder: an exemption from
 * "overdue" silences every reminder of the key's age; one from "due-soon" only those before the due date.
 */
export function silencedBy(milestone: string, exemptFrom: Flag[]): boolean {
  if (exemptFrom.includes("overdue")) return true;
  return milestone.startsWith("due-") && exemptFrom.includes("due-soon");
}

/** A reminder's subject line: what a person sees in their inbox list. */
export function reminderSubject(r: { daysLeft: number; accessKeyId: string; userName: string; accountLabel: string }): string {
  const when =
    r.daysLeft < 0
      ? `is overdue for rotation by ${-r.daysLeft} day${r.daysLeft === -1 ? "" : "s"}`
      : r.daysLeft === 0
        ? "is due for rotation today"
        : `is due for rotation in ${r.daysLeft} day${r.daysLeft === 1 ? "" : "s"}`;
  return `keyrotate: access key ${r.accessKeyId} of ${r.userName} (${r.accountLabel}) ${when}`;
}
