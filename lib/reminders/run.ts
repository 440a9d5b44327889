import "server-only";
// A reminder run: for every live key owed a reminder today (rules.ts), claim its row, then deliver it by
// mail to the owner's contact and to the webhook. Safe to run anywhere at any time: a reminder already
// claimed or sent elsewhere is left alone, and a failed one is tried again by the next run.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { listExemptionsInForce } from "../db/exemptions.ts";
import { listKeys, type StoredKey } from "../db/keys.ts";
import { ownersByUser } from "../db/owners.ts";
import { claimReminder, finishReminder, findReminder, type Channel, type ReminderRecord } from "../db/reminders.ts";
import { env } from "../env.ts";
import { userMessageOf } from "../errors.ts";
import { mailConfigured, sendMail } from "../notify/mail.ts";
import { postWebhookMessage } from "../notify/webhook.ts";
import { resolveOwner } from "../owners/resolve.ts";
import { reminderMail, reminderWebhookText, type ReminderFacts } from "./message.ts";
import { exemptionIndex } from "../inventory/exemptions.ts";
import { dueReminder, silencedBy } from "./rules.ts";

export type ReminderOutcome = "sent" | "failed" | "already-sent" | "gave-up" | "would-send" | "no-channel";

export type ReminderResult = {
  accountId: string;
  accessKeyId: string;
  userName: string;
  milestone: string;
  contact: string | null;
  channels: Channel[];
  outcome: ReminderOutcome;
  error: string | null;
};

export type RemindSummary = {
  dryRun: boolean;
  /** Reminders delivered on every channel this run. */
  sent: number;
  emails: number;
  webhooks: number;
  failed: number;
  alreadySent: number;
  /** Owed a reminder, but the owner has no (valid) contact: webhook only, or nothing. */
  noContact: number;
  results: ReminderResult[];
};

const email = z.email();

type Planned = { key: StoredKey; facts: ReminderFacts; contact: string | null; channels: Channel[] };

async function plan(now: Date): Promise<Planned[]> {
  const e = env();
  const [keys, owners, inForce] = await Promise.all([listKeys(), ownersByUser(), listExemptionsInForce(now)]);
  const exemptions = exemptionIndex(inForce, now);
  const tagKeys = { ownerTag: e.KEYROTATE_OWNER_TAG, contactTag: e.KEYROTATE_CONTACT_TAG };
  const out: Planned[] = [];
  for (const key of keys) {
    const due = dueReminder(key, now, e.KEYROTATE_MAX_KEY_AGE_DAYS);
    if (!due || silencedBy(due.milestone, exemptions(key).map((x) => x.flag))) continue;
    const owner = resolveOwner(owners.get(key.accountId, key.userName), key.userTags, tagKeys);
    // A tag may hold anything ("slack:#team"): only an email address is mailed.
    const contact = owner?.contact && email.safeParse(owner.contact).success ? owner.contact : null;
    const channels: Channel[] = [];
    if (contact && mailConfigured()) channels.push("email");
    if (e.KEYROTATE_WEBHOOK_URL) channels.push("webhook");
    const facts = { ...due, accountId: key.accountId, accountName: key.accountName, userName: key.userName, accessKeyId: key.accessKeyId, team: owner?.team ?? null, publicUrl: e.KEYROTATE_PUBLIC_URL };
    out.push({ key, facts, contact, channels });
  }
  return out;
}

async function deliver(p: Planned, reminder: ReminderRecord): Promise<{ delivered: Channel[]; error: string | null }> {
  const delivered = [...reminder.delivered];
  const errors: string[] = [];
  for (const channel of reminder.channels.filter((c) => !reminder.delivered.includes(c))) {
    const outcome =
      channel === "email"
        ? await sendMail({ to: p.contact!, ...reminderMail(p.facts) })
        : await postWebhookMessage(reminderWebhookText(p.facts), { kind: "reminder", ...p.facts, publicUrl: undefined }, { attempts: 2 });
    if (outcome.ok) delivered.push(channel);
    else errors.push(`${channel}: ${outcome.detail}`);
  }
  return { delivered, error: errors.length ? errors.join("; ") : null };
}

/**
 * Records what a delivery reached. The mail or webhook has gone out by now: a failure here is said beside
 * that outcome (returned as its message), never turned into the run's failure.
 */
async function record(id: string, runId: string, delivered: Channel[], error: string | null): Promise<string | null> {
  try {
    await finishReminder(id, runId, { delivered, error });
    return null;
  } catch (failure) {
    console.error("reminder delivered but not recorded", failure);
    return userMessageOf(failure);
  }
}

function count(summary: RemindSummary, result: ReminderResult, newlyDelivered: Channel[] = []): void {
  summary.results.push(result);
  if (!result.contact) summary.noContact++;
  summary.emails += newlyDelivered.filter((c) => c === "email").length;
  summary.webhooks += newlyDelivered.filter((c) => c === "webhook").length;
  if (result.outcome === "sent") summary.sent++;
  if (result.outcome === "failed") summary.failed++;
  if (result.outcome === "already-sent") summary.alreadySent++;
}

export async function runReminders(opts: { now?: Date; dryRun?: boolean } = {}): Promise<RemindSummary> {
  const now = opts.now ?? new Date();
  const dryRun = Boolean(opts.dryRun);
  const runId = randomUUID();
  const maxAttempts = env().KEYROTATE_REMIND_MAX_ATTEMPTS;
  const summary: RemindSummary = { dryRun, sent: 0, emails: 0, webhooks: 0, failed: 0, alreadySent: 0, noContact: 0, results: [] };
  for (const p of await plan(now)) {
    const base = { accountId: p.key.accountId, accessKeyId: p.key.accessKeyId, userName: p.key.userName, milestone: p.facts.milestone, contact: p.contact, channels: p.channels, error: null };
    if (p.channels.length === 0) {
      const why = p.contact ? "no mail server (KEYROTATE_SMTP_URL) and no webhook configured" : "no owner contact and no webhook configured";
      count(summary, { ...base, outcome: "no-channel", error: why });
      continue;
    }
    if (dryRun) {
      const existing = await findReminder(p.key.accountId, p.key.accessKeyId, p.facts.milestone);
      count(summary, { ...base, outcome: existing?.status === "sent" ? "already-sent" : "would-send" });
      continue;
    }
    const claim = await claimReminder({ ...base, dueDate: p.facts.dueDate }, runId, maxAttempts, now);
    if (!claim.claimed) {
      const gaveUp = claim.existing.status === "failed";
      count(summary, { ...base, outcome: gaveUp ? "gave-up" : "already-sent", error: gaveUp ? claim.existing.lastError : null });
      continue;
    }
    const { delivered, error } = await deliver(p, claim.reminder);
    const fresh = delivered.filter((c) => !claim.reminder.delivered.includes(c));
    const unrecorded = await record(claim.reminder.id, runId, delivered, error);
    const said = [error, unrecorded && `delivered${fresh.length ? ` by ${fresh.join(" and ")}` : ""} but not recorded (${unrecorded}): the next run may send it again`];
    count(summary, { ...base, channels: claim.reminder.channels, outcome: error ? "failed" : "sent", error: said.filter(Boolean).join("; ") || null }, fresh);
  }
  return summary;
}

/** The one line the CLI and the schedule print. */
export function describeRun(s: RemindSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (s.dryRun) {
    const would = s.results.filter((r) => r.outcome === "would-send").length;
    return `Dry run: would send ${plural(would, "reminder")}, ${s.alreadySent} already sent; ${s.noContact} without an owner contact.`;
  }
  return `Sent ${plural(s.sent, "reminder")} (${plural(s.emails, "email")}, ${plural(s.webhooks, "webhook")}), ${s.failed} failed, ${s.alreadySent} already sent; ${s.noContact} without an owner contact.`;
}
