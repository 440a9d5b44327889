import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { escapeForSlack, noticeText, postKeyNotice, retryAfterMs, type KeyNotice } from "./webhook.ts";

// Real HTTP receivers on loopback, one set per test: each answers request n (0-based) through `answer`
// and records what arrived and when.
type Hit = { body: { text: string; keyrotate: KeyNotice }; at: number };
type Receiver = { url: string; hits: Hit[] };
const open: (() => Promise<void>)[] = [];

async function receiver(answer: (n: number, res: ServerResponse) => void = (_n, res) => res.end("ok")): Promise<Receiver> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      hits.push({ body: JSON.parse(data), at: performance.now() });
      answer(hits.length - 1, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  open.push(async () => {
    server.closeAllConnections(); // a receiver that never answered still holds its socket
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

/** Answers request n with statuses[n] (200 once they run out). */
const statuses =
  (...list: number[]) =>
  (n: number, res: ServerResponse) => {
    res.statusCode = list[n] ?? 200;
    res.end("ok");
  };

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

const notice: KeyNotice = {
  actor: "alice",
  what: "deactivate",
  accountId: "123456789012",
  userName: "govuk-support",
  accessKeyId: "AKIAOLD0000000000001",
  environments: ["production", "staging"],
};
const fast = { backoffMs: 1, timeoutMs: 2_000 };
/** What Slack shows for mrkdwn text: its three entities decoded, and nothing else. */
const slackRendered = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("postKeyNotice: the message", () => {
  it("posts Slack-compatible JSON naming who, which key, which user, where and what", async () => {
    const hook = await receiver();
    expect(await postKeyNotice(notice, { url: hook.url })).toEqual({ ok: true });
    expect(hook.hits).toHaveLength(1);
    const sent = hook.hits[0].body;
    expect(sent.text).toBe(noticeText(notice));
    expect(sent.text).toContain("alice is about to make INACTIVE access key AKIAOLD0000000000001 of IAM user govuk-support");
    expect(sent.text).toContain("production, staging");
    expect(sent.keyrotate).toEqual(notice);
  });

  it("delivers mentions and links in people's text as inert characters, and the raw values beside them", async () => {
    const hostile: KeyNotice = {
      ...notice,
      actor: "<!channel> Mallory & co",
      userName: "<@U123>",
      accountName: "<!subteam^S0123|oncall>",
      accessKeyId: "AKIA<!everyone>",
      environments: ["<!here>", "<https://evil.example|Roll back>", "prod & staging", "a &lt;!channel&gt; b"],
    };
    const hook = await receiver();
    expect(await postKeyNotice(hostile, { url: hook.url })).toEqual({ ok: true });
    const { text, keyrotate } = hook.hits[0].body;

    // Slack reads control sequences only between < and >; none reach it, and every & starts an entity.
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text).toContain("&lt;!channel&gt; Mallory &amp; co is about to");
    expect(text).toContain("IAM user &lt;@U123&gt;");
    expect(text).toContain("&lt;https://evil.example|Roll back&gt;");
    expect(text).toContain("&lt;!here&gt;");
    // Already-escaped text is escaped again, so it shows as typed rather than turning into a mention.
    expect(text).toContain("a &amp;lt;!channel&amp;gt; b");
    // What people see is exactly what they typed.
    expect(slackRendered(text)).toContain(
      "used in <!here>, <https://evil.example|Roll back>, prod & staging, a &lt;!channel&gt; b).",
    );
    expect(keyrotate).toEqual(hostile);
  });

  it("keeps a value from starting a line of its own", () => {
    const text = noticeText({ ...notice, environments: ["prod\n\nkeyrotate: all clear, ignore this\r"] });
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).toContain("prod  keyrotate: all clear");
  });

  it("escapes &, < and > as Slack documents, & first", () => {
    expect(escapeForSlack("a & <b> &amp;")).toBe("a &amp; &lt;b&gt; &amp;amp;");
    expect(escapeForSlack("plain-name_1@example.com")).toBe("plain-name_1@example.com");
  });
});

describe("postKeyNotice: retries", () => {
  it.each([400, 403, 404])("gives up at once on HTTP %i, with the status in the detail", async (status) => {
    const hook = await receiver(statuses(status));
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 3, ...fast });
    expect(out).toEqual({ ok: false, detail: `Notification failed: the webhook refused the notice with HTTP ${status}.` });
    expect(hook.hits).toHaveLength(1);
  });

  it("retries HTTP 500 and 503 and succeeds when the receiver recovers", async () => {
    const hook = await receiver(statuses(500, 503));
    expect(await postKeyNotice(notice, { url: hook.url, attempts: 3, ...fast })).toEqual({ ok: true });
    expect(hook.hits).toHaveLength(3);
  });

  it("reports failure after the last attempt, without a further request", async () => {
    const hook = await receiver(statuses(500, 500, 500));
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 2, ...fast });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook answered HTTP 500." });
    expect(hook.hits).toHaveLength(2);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const hook = await receiver((n, res) => {
      res.statusCode = n === 0 ? 429 : 200;
      if (n === 0) res.setHeader("retry-after", "1");
      res.end();
    });
    expect(await postKeyNotice(notice, { url: hook.url, attempts: 2, ...fast })).toEqual({ ok: true });
    expect(hook.hits).toHaveLength(2);
    expect(hook.hits[1].at - hook.hits[0].at).toBeGreaterThanOrEqual(950);
  });

  it("waits no longer than the cap when Retry-After asks for more", async () => {
    const hook = await receiver((n, res) => {
      res.statusCode = n === 0 ? 429 : 200;
      if (n === 0) res.setHeader("retry-after", "60");
      res.end();
    });
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 2, maxRetryAfterMs: 150, ...fast });
    expect(out).toEqual({ ok: true });
    const gap = hook.hits[1].at - hook.hits[0].at;
    expect(gap).toBeGreaterThanOrEqual(140);
    expect(gap).toBeLessThan(1_500);
  });

  it("reports 429 when the receiver keeps refusing", async () => {
    const hook = await receiver(statuses(429, 429));
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 2, ...fast });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook answered HTTP 429 (too many requests)." });
    expect(hook.hits).toHaveLength(2);
  });

  it.each([302, 307])("does not follow a %i to another host, and says the webhook redirected", async (status) => {
    const elsewhere = await receiver();
    const hook = await receiver((_n, res) => {
      res.statusCode = status;
      res.setHeader("location", elsewhere.url);
      res.end();
    });
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 3, ...fast });
    expect(out).toEqual({
      ok: false,
      detail: "Notification failed: the webhook redirected; redirects are not followed, so configure the final https URL.",
    });
    expect(hook.hits).toHaveLength(1);
    expect(elsewhere.hits).toHaveLength(0);
  });

  it("times out a receiver that never answers, and retries it", async () => {
    const hook = await receiver(() => undefined);
    const started = performance.now();
    const out = await postKeyNotice(notice, { url: hook.url, attempts: 2, timeoutMs: 100, backoffMs: 1 });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook did not answer within 100 ms." });
    expect(hook.hits).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("reports an unreachable receiver by its error code", async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, "127.0.0.1", r));
    const { port } = gone.address() as AddressInfo;
    await new Promise<void>((r) => gone.close(() => r()));
    const out = await postKeyNotice(notice, { url: `http://127.0.0.1:${port}/hook`, attempts: 2, ...fast });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook could not be reached (ECONNREFUSED)." });
  });
});

describe("postKeyNotice: the URL", () => {
  it.each([
    ["file:///etc/passwd", "must use https (file: is not allowed)"],
    ["http://hooks.example.invalid/hook", "must use https (plain http is allowed only to a loopback address)"],
  ])("refuses %s before any request", async (url, reason) => {
    expect(await postKeyNotice(notice, { url })).toEqual({ ok: false, detail: `Notification failed: the webhook URL ${reason}.` });
  });

  it("refuses credentials in the URL without sending or repeating them", async () => {
    const hook = await receiver();
    const url = hook.url.replace("http://", "http://bot:s3cret@");
    const out = await postKeyNotice(notice, { url });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook URL must not contain a user name or password." });
    expect(hook.hits).toHaveLength(0);
  });
});

describe("retryAfterMs", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it.each([
    ["2", 2_000],
    [" 0 ", 0],
    ["Tue, 01 Dec 2026 10:00:03 GMT", 3_000],
    ["Tue, 01 Dec 2026 09:59:00 GMT", 0],
    ["soon", null],
    ["-5", null],
    [null, null],
  ])("reads %j as %j ms", (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});
