import "server-only";
// Reminder rows: claimed before anything is sent, so two runs (two instances, or the CLI beside the
// schedule) never both send one. Claiming is one insert that only one racer wins, or one conditional
// update of a failed (or abandoned) row that only one racer wins.
import { db } from "./client.ts";

export type ReminderStatus = "pending" | "sent" | "failed";
export type Channel = "email" | "webhook";

export type ReminderRecord = {
  id: string;
  accountId: string;
  accessKeyId: string;
  userName: string;
  milestone: string;
  dueDate: Date;
  contact: string | null;
  channels: Channel[];
  delivered: Channel[];
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
};

export type ReminderPlan = Pick<ReminderRecord, "accountId" | "accessKeyId" | "userName" | "milestone" | "dueDate" | "contact" | "channels">;

/** A pending row older than this belongs to a run that died: another run may take it over. */
const ABANDONED_MS = 10 * 60 * 1000;

type Row = Omit<ReminderRecord, "channels" | "delivered" | "status"> & { channels: string; delivered: string; status: string; claimedBy: string | null };

const channelsOf = (text: string) => text.split(",").filter(Boolean) as Channel[];

function toRecord({ claimedBy: _claimedBy, ...row }: Row): ReminderRecord {
  return { ...row, channels: channelsOf(row.channels), delivered: channelsOf(row.delivered), status: row.status as ReminderStatus };
}

export type Claim = { claimed: true; reminder: ReminderRecord } | { claimed: false; existing: ReminderRecord };

/** Takes the reminder for `runId`: a new one, or a failed one with attempts left. Otherwise says who has it. */
export async function claimReminder(plan: ReminderPlan, runId: string, maxAttempts: number, now = new Date()): Promise<Claim> {
  const { accountId, accessKeyId, userName, milestone, dueDate, contact } = plan;
  const data = { accountId, accessKeyId, userName, milestone, dueDate, contact, channels: plan.channels.join(",") };
  try {
    const row = await db().reminder.create({ data: { ...data, status: "pending", claimedBy: runId } });
    return { claimed: true, reminder: toRecord(row) };
  } catch (error) {
    if ((error as { code?: string })?.code !== "P2002") throw error;
  }
  const where = { accountId_accessKeyId_milestone: { accountId: plan.accountId, accessKeyId: plan.accessKeyId, milestone: plan.milestone } };
  const existing = await db().reminder.findUnique({ where });
  if (!existing) return claimReminder(plan, runId, maxAttempts, now);
  const retryable = existing.status === "failed" && existing.attempts < maxAttempts;
  const abandoned = existing.status === "pending" && now.getTime() - existing.updatedAt.getTime() > ABANDONED_MS;
  if (!retryable && !abandoned) return { claimed: false, existing: toRecord(existing) };
  // Conditional on the row being as read: of two runs retrying it, one update matches.
  const taken = await db().reminder.updateMany({
    where: { id: existing.id, status: existing.status, attempts: existing.attempts, updatedAt: existing.updatedAt },
    // The owner may have changed since: a retry goes where the reminder should go now.
    data: { status: "pending", claimedBy: runId, contact: plan.contact, channels: data.channels },
  });
  if (taken.count !== 1) return { claimed: false, existing: toRecord(existing) };
  return { claimed: true, reminder: toRecord((await db().reminder.findUniqueOrThrow({ where: { id: existing.id } })) as Row) };
}

/** Records a claimed reminder's delivery: sent when every channel got it, else failed with the reason. */
export async function finishReminder(id: string, runId: string, outcome: { delivered: Channel[]; error: string | null }): Promise<void> {
  await db().reminder.updateMany({
    where: { id, claimedBy: runId, status: "pending" },
    data: {
      status: outcome.error ? "failed" : "sent",
      delivered: outcome.delivered.join(","),
      lastError: outcome.error,
      attempts: { increment: 1 },
      claimedBy: null,
      ...(outcome.error ? {} : { sentAt: new Date() }),
    },
  });
}

export async function findReminder(accountId: string, accessKeyId: string, milestone: string): Promise<ReminderRecord | null> {
  const row = await db().reminder.findUnique({ where: { accountId_accessKeyId_milestone: { accountId, accessKeyId, milestone } } });
  return row ? toRecord(row) : null;
}

/** The newest reminders first, of one key or of all. */
export async function listReminders(filter: { accessKeyId?: string; limit?: number } = {}): Promise<ReminderRecord[]> {
  const rows = await db().reminder.findMany({
    where: filter.accessKeyId ? { accessKeyId: filter.accessKeyId } : {},
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 100,
  });
  return rows.map(toRecord);
}
