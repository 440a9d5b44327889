import "server-only";
// Plain-text mail through the configured SMTP server (KEYROTATE_SMTP_URL). One attempt per call: the
// caller records a failure and a later run retries, so a slow server never holds a run for long.
import nodemailer from "nodemailer";
import { env } from "../env.ts";
import type { NotifyOutcome } from "./webhook.ts";

export type Mail = { to: string; subject: string; text: string };

export function mailConfigured(): boolean {
  return Boolean(env().KEYROTATE_SMTP_URL);
}

export async function sendMail(mail: Mail): Promise<NotifyOutcome> {
  const url = env().KEYROTATE_SMTP_URL;
  if (!url) return { ok: false, detail: "No mail server is configured (KEYROTATE_SMTP_URL)." };
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  try {
    await transport.sendMail({ from: env().KEYROTATE_MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return { ok: true };
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; response?: string };
    // The server's answer says why (e.g. "550 mailbox unavailable"); never the URL, which may hold a password.
    const why = e.response ? e.response.slice(0, 200) : (e.code ?? "unknown error");
    return { ok: false, detail: `the mail server refused or could not be reached (${why})` };
  } finally {
    transport.close();
  }
}
