import "server-only";
// Tells 2nd line before a key is switched off or deleted: a Slack-compatible JSON post to the
// configured webhook. Retried only when trying again can help; the caller decides what a failure blocks.
import { env } from "../env.ts";
import { checkWebhookUrl } from "./webhook-url.ts";

export { checkWebhookUrl } from "./webhook-url.ts";

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

export type PostOptions = {
  /** Defaults to KEYROTATE_WEBHOOK_URL. */
  url?: string;
  /** Requests in all, including the first (default 3). */
  attempts?: number;
  /** Per request (default 5 000). */
  timeoutMs?: number;
  /** Wait before retry n is n × backoffMs (default 200). */
  backoffMs?: number;
  /** The longest Retry-After a 429 answer is honoured for (default 5 000): a person is waiting. */
  maxRetryAfterMs?: number;
};

/**
 * Text that came from people or IAM (names, environments, ids), made inert for Slack mrkdwn: `<`, `>`
 * and `&` escaped as Slack documents, so `<!channel>` cannot ping and `<https://x|label>` cannot forge a
 * link; line breaks and other control characters become spaces, so a value cannot fake a second line.
 */
export function escapeForSlack(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]/gu, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The notice as Slack mrkdwn, every interpolated value escaped. */
export function noticeText(n: KeyNotice): string {
  const e = escapeForSlack;
  const verb = n.what === "deactivate" ? "make INACTIVE" : "DELETE";
  const where = n.environments.length ? n.environments.map(e).join(", ") : "no recorded environment";
  return `keyrotate: ${e(n.actor)} is about to ${verb} access key ${e(n.accessKeyId)} of IAM user ${e(n.userName)} (account ${e(n.accountName ?? n.accountId)}; used in ${where}).`;
}

/** Milliseconds a Retry-After header asks for (delay-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its weekday; without letters, Date.parse would read "-5" or "1.5" as a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** One request's result: done, or failed with whether another attempt could help and how long to wait first. */
type Attempt = { ok: true } | { ok: false; detail: string; retry: boolean; waitMs?: number };

function fromResponse(res: Response, maxRetryAfterMs: number): Attempt {
  if (res.ok) return { ok: true };
  if (res.status >= 300 && res.status < 400) {
    return { ok: false, retry: false, detail: `the webhook answered HTTP ${res.status} instead of accepting the notice` };
  }
  if (res.status === 429) {
    const asked = retryAfterMs(res.headers.get("retry-after"));
    const waitMs = asked === null ? undefined : Math.min(asked, maxRetryAfterMs);
    return { ok: false, retry: true, waitMs, detail: "the webhook answered HTTP 429 (too many requests)" };
  }
  if (res.status >= 500) return { ok: false, retry: true, detail: `the webhook answered HTTP ${res.status}` };
  // Any other 4xx: the URL, the payload or the token is wrong, and asking again changes nothing.
  return { ok: false, retry: false, detail: `the webhook refused the notice with HTTP ${res.status}` };
}

function fromError(error: unknown, timeoutMs: number): Attempt {
  const err = error instanceof Error ? error : new Error(String(error));
  if (err.name === "TimeoutError") return { ok: false, retry: true, detail: `the webhook did not answer within ${timeoutMs} ms` };
  // undici's fetch rejects a 3xx under `redirect: "error"` with TypeError("fetch failed") whose cause says so.
  const cause = err.cause instanceof Error ? (err.cause as Error & { code?: string }) : undefined;
  if (cause && /redirect/i.test(cause.message)) {
    return { ok: false, retry: false, detail: "the webhook redirected; redirects are not followed, so configure the final https URL" };
  }
  // Only the name or code: messages can quote the URL, whose path is the webhook's secret.
  return { ok: false, retry: true, detail: `the webhook could not be reached (${cause?.code ?? cause?.name ?? err.name})` };
}

async function postOnce(url: string, body: string, timeoutMs: number, maxRetryAfterMs: number): Promise<Attempt> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      // A redirect could carry the notice to a host nobody configured.
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Nothing in the answer is needed; release the connection.
    await res.body?.cancel().catch(() => undefined);
    return fromResponse(res, maxRetryAfterMs);
  } catch (error) {
    return fromError(error, timeoutMs);
  }
}

export async function postKeyNotice(notice: KeyNotice, opts: PostOptions = {}): Promise<NotifyOutcome> {
  const url = opts.url ?? env().KEYROTATE_WEBHOOK_URL;
  if (!url) return { ok: false, detail: "No webhook is configured (KEYROTATE_WEBHOOK_URL)." };
  // Whether loopback http is acceptable (tests, demo) is configuration's decision, made at start-up;
  // here only what is never acceptable is refused: other schemes, credentials, http to another host.
  const refused = checkWebhookUrl(url, { allowLoopbackHttp: true });
  if (refused) return { ok: false, detail: `Notification failed: the webhook URL ${refused}.` };

  // `text` is what Slack renders (escaped); `keyrotate` carries the raw values as JSON for machines.
  return postWebhookMessage(noticeText(notice), notice, { ...opts, url });
}

/**
 * Any keyrotate message to the webhook: `text` must already be escaped for Slack (escapeForSlack);
 * `payload` goes along as JSON under `keyrotate`. Retried like a key notice.
 */
export async function postWebhookMessage(text: string, payload: unknown, opts: PostOptions = {}): Promise<NotifyOutcome> {
  const url = opts.url ?? env().KEYROTATE_WEBHOOK_URL;
  if (!url) return { ok: false, detail: "No webhook is configured (KEYROTATE_WEBHOOK_URL)." };
  const refused = checkWebhookUrl(url, { allowLoopbackHttp: true });
  if (refused) return { ok: false, detail: `Notification failed: the webhook URL ${refused}.` };
  const attempts = Math.max(1, opts.attempts ?? 3);
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const backoffMs = opts.backoffMs ?? 200;
  const body = JSON.stringify({ text, keyrotate: payload });
  for (let attempt = 1; ; attempt++) {
    const result = await postOnce(url, body, timeoutMs, opts.maxRetryAfterMs ?? 5_000);
    if (result.ok) return { ok: true };
    if (!result.retry || attempt >= attempts) return { ok: false, detail: `Notification failed: ${result.detail}.` };
    await new Promise((r) => setTimeout(r, result.waitMs ?? backoffMs * attempt));
  }
}
