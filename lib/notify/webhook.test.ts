import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noticeText, postKeyNotice, type KeyNotice } from "./webhook.ts";

// A real HTTP receiver on loopback: answers with the status queued in `replies`, records bodies.
const received: unknown[] = [];
const replies: number[] = [];
let server: Server;
let url: string;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push(JSON.parse(await body(req)));
    res.statusCode = replies.shift() ?? 200;
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const notice: KeyNotice = {
  actor: "alice",
  what: "deactivate",
  accountId: "123456789012",
  userName: "govuk-support",
  accessKeyId: "AKIAOLD0000000000001",
  environments: ["production", "staging"],
};

describe("postKeyNotice", () => {
  it("posts Slack-compatible JSON naming who, which key, which user, where and what", async () => {
    received.length = 0;
    expect(await postKeyNotice(notice, { url })).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    const sent = received[0] as { text: string; keyrotate: KeyNotice };
    expect(sent.text).toBe(noticeText(notice));
    expect(sent.text).toContain("alice is about to make INACTIVE access key AKIAOLD0000000000001 of IAM user govuk-support");
    expect(sent.text).toContain("production, staging");
    expect(sent.keyrotate).toEqual(notice);
  });

  it("retries a failing receiver and succeeds when it recovers", async () => {
    received.length = 0;
    replies.push(500, 503);
    expect(await postKeyNotice(notice, { url, attempts: 3 })).toEqual({ ok: true });
    expect(received).toHaveLength(3);
  });

  it("reports failure after the last attempt", async () => {
    replies.push(500, 500);
    const out = await postKeyNotice(notice, { url, attempts: 2 });
    expect(out).toEqual({ ok: false, detail: "Notification failed: the webhook answered HTTP 500." });
  });

  it("reports an unreachable receiver", async () => {
    const out = await postKeyNotice(notice, { url: "http://127.0.0.1:1/hook", attempts: 1 });
    expect(out.ok).toBe(false);
  });
});
