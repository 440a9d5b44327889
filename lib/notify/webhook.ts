import "server-only";
// Tells 2nd line before a key is switched off or deleted: a Slack-compatible JSON post to the
// configured webhook. Retried a few times; the caller decides what a failure blocks.
import { env } from "../env.ts";

export type KeyNotice = {
  actor: string;
  what: "deactivate" | "delete";
  accountId: string;
  accountName?: string | null;
  userName: string;
  accessKeyId: string;
  environments: string[];
};

export type NotifyOutcome = { ok: true } | { ok: false; detail: string };

export function noticeText(n: KeyNotice): string {
  const verb = n.what === "deactivate" ? "make INACTIVE" : "DELETE";
  const where = n.environments.length ? n.environments.join(", ") : "no recorded environment";
  return `keyrotate: ${n.actor} is about to ${verb} access key ${n.accessKeyId} of IAM user ${n.userName} (account ${n.accountName ?? n.accountId}; used in ${where}).`;
}

export async function postKeyNotice(
  notice: KeyNotice,
  opts: { url?: string; attempts?: number; timeoutMs?: number } = {},
): Promise<NotifyOutcome> {
  const url = opts.url ?? env().KEYROTATE_WEBHOOK_URL;
  if (!url) return { ok: false, detail: "No webhook is configured (KEYROTATE_WEBHOOK_URL)." };
  const body = JSON.stringify({ text: noticeText(notice), keyrotate: notice });
  let detail = "";
  for (let attempt = 1; attempt <= (opts.attempts ?? 3); attempt++) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
      });
      if (res.ok) return { ok: true };
      detail = `the webhook answered HTTP ${res.status}`;
    } catch (error) {
      detail = `the webhook could not be reached (${(error as Error).name})`;
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  return { ok: false, detail: `Notification failed: ${detail}.` };
}
