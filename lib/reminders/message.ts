// What a reminder says, by mail and to the webhook. Only names, ids and dates: a key's secret is never
// known here, let alone written.
import { escapeForSlack } from "../notify/webhook.ts";
import { reminderSubject, type DueReminder } from "./rules.ts";

export type ReminderFacts = DueReminder & {
  accountId: string;
  accountName: string | null;
  userName: string;
  accessKeyId: string;
  team: string | null;
  publicUrl: string | undefined;
};

const label = (f: ReminderFacts) => f.accountName ?? f.accountId;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function reminderMail(f: ReminderFacts): { subject: string; text: string } {
  const subject = reminderSubject({ daysLeft: f.daysLeft, accessKeyId: f.accessKeyId, userName: f.userName, accountLabel: label(f) });
  const lines = [
    `Access key ${f.accessKeyId} of IAM user ${f.userName} in account ${label(f)} (${f.accountId})`,
    f.daysLeft < 0 ? `was due for rotation on ${day(f.dueDate)}: rotate it now.` : `is due for rotation on ${day(f.dueDate)}.`,
    "",
    f.team ? `You receive this as the contact of ${f.team}.` : "You receive this as the user's owner contact.",
    f.publicUrl ? `Rotate it here: ${new URL(`/keys/${f.accessKeyId}`, f.publicUrl).toString()}` : "Rotate it with keyrotate.",
  ];
  return { subject, text: `${lines.join("\n")}\n` };
}

export function reminderWebhookText(f: ReminderFacts): string {
  return escapeForSlack(reminderMail(f).subject) + (f.team ? ` Owner: ${escapeForSlack(f.team)}.` : " No owning team is recorded.");
}
