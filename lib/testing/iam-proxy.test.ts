import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetUserCommand, IAMClient, ListUsersCommand } from "@aws-sdk/client-iam";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startIamProxy, type IamFault, type IamProxy } from "./iam-proxy.ts";

type Seen = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };

// A tiny IAM stand-in: answers every query-protocol action with an empty result, ListUsers with one user.
function iamXml(action: string): string {
  const result =
    action === "ListUsers"
      ? "<IsTruncated>false</IsTruncated><Users><member><UserName>alice</UserName><UserId>AIDAALICE</UserId>" +
        "<Arn>arn:aws:iam::123456789012:user/alice</Arn><Path>/</Path><CreateDate>2026-01-01T00:00:00Z</CreateDate></member></Users>"
      : "";
  return `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`;
}

const seen: Seen[] = [];
let target: Server;
let targetUrl: string;
let proxy: IamProxy | undefined;

beforeAll(async () => {
  target = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    seen.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (req.url?.startsWith("/echo")) {
      res.writeHead(201, { "x-target": "yes", "content-type": "text/plain" }).end(`echo:${body}`);
      return;
    }
    const action = new URLSearchParams(body).get("Action") ?? "Unknown";
    res.writeHead(200, { "content-type": "text/xml" }).end(iamXml(action));
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});

afterAll(async () => {
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
});

afterEach(async () => {
  seen.length = 0;
  await proxy?.stop();
  proxy = undefined;
});

function iamVia(endpoint: string) {
  return new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "AKIATEST", secretAccessKey: "x" }, maxAttempts: 1 });
}

describe("iam proxy", () => {
  it("forwards method, path, headers and body, and relays the target's answer", async () => {
    proxy = await startIamProxy({ target: targetUrl });
    expect(proxy.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${proxy.endpoint}/echo/path?x=1`, {
      method: "PUT",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-custom": "kept" },
      body: "Action=DoThing&Version=2010-05-08",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-target")).toBe("yes");
    expect(await res.text()).toBe("echo:Action=DoThing&Version=2010-05-08");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "PUT", url: "/echo/path?x=1", body: "Action=DoThing&Version=2010-05-08" });
    expect(seen[0].headers["x-custom"]).toBe("kept");
    expect(proxy.stats()).toEqual({ requests: 1, byAction: { DoThing: 1 }, faults: {} });
  });

  it("carries a real IAMClient's calls and counts them by action, JSON targets by operation", async () => {
    proxy = await startIamProxy({ target: targetUrl });
    const iam = iamVia(proxy.endpoint);
    const out = await iam.send(new ListUsersCommand({}));
    expect(out.Users?.map((u) => u.UserName)).toEqual(["alice"]);
    await iam.send(new GetUserCommand({ UserName: "alice" }));
    await iam.send(new ListUsersCommand({}));
    await fetch(`${proxy.endpoint}/`, { method: "POST", headers: { "x-amz-target": "secretsmanager.GetSecretValue" }, body: "{}" });
    expect(seen[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATEST\//);
    expect(proxy.stats()).toEqual({ requests: 4, byAction: { ListUsers: 2, GetUser: 1, GetSecretValue: 1 }, faults: {} });
    proxy.resetStats();
    expect(proxy.stats()).toEqual({ requests: 0, byAction: {}, faults: {} });
    iam.destroy();
  });

  it("delays each request by latencyMs, which configure can change", async () => {
    proxy = await startIamProxy({ target: targetUrl, latencyMs: 200 });
    const iam = iamVia(proxy.endpoint);
    const timed = async () => {
      const started = performance.now();
      await iam.send(new ListUsersCommand({}));
      return performance.now() - started;
    };
    expect(await timed()).toBeGreaterThanOrEqual(190);
    proxy.configure({ latencyMs: 0 });
    expect(await timed()).toBeLessThan(150);
    iam.destroy();
  });

  const expected: [IamFault, Record<string, unknown>][] = [
    ["throttle", { name: "Throttling", $metadata: expect.objectContaining({ httpStatusCode: 400 }) }],
    ["500", { name: "InternalFailure", $fault: "server", $metadata: expect.objectContaining({ httpStatusCode: 500 }) }],
    ["503", { name: "ServiceUnavailable", $fault: "server", $metadata: expect.objectContaining({ httpStatusCode: 503 }) }],
  ];
  it.each(expected)("answers a %s fault the way the SDK sees AWS's, without reaching the target", async (fault, shape) => {
    proxy = await startIamProxy({ target: targetUrl, faultRate: 1, faults: [fault] });
    const iam = iamVia(proxy.endpoint);
    const failure = await iam.send(new ListUsersCommand({})).catch((e: unknown) => e);
    expect(failure).toMatchObject(shape);
    expect(seen).toHaveLength(0);
    expect(proxy.stats()).toEqual({ requests: 1, byAction: { ListUsers: 1 }, faults: { [fault]: 1 } });
    iam.destroy();
  });

  it("drops the connection for a drop fault: the SDK sees a network error", async () => {
    proxy = await startIamProxy({ target: targetUrl, faultRate: 1, faults: ["drop"] });
    const iam = iamVia(proxy.endpoint);
    const failure = (await iam.send(new ListUsersCommand({})).catch((e: unknown) => e)) as { code?: string; $metadata?: unknown };
    expect(failure).toBeInstanceOf(Error);
    expect(failure.code).toBe("ECONNRESET");
    expect(seen).toHaveLength(0);
    expect(proxy.stats().faults).toEqual({ drop: 1 });
    iam.destroy();
  });

  it("never faults /moto-api, even at faultRate 1", async () => {
    proxy = await startIamProxy({ target: targetUrl, faultRate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${proxy.endpoint}/moto-api/reset`, { method: "POST" });
      expect(res.status).toBe(200);
    }
    expect(seen.map((s) => s.url)).toEqual(Array(5).fill("/moto-api/reset"));
    expect(proxy.stats()).toEqual({ requests: 5, byAction: { "POST /moto-api/reset": 5 }, faults: {} });
  });

  it("faults the same requests for the same seed, about faultRate of them", async () => {
    async function pattern(seed: number): Promise<string> {
      const p = await startIamProxy({ target: targetUrl, faultRate: 0.3, faults: ["500", "503"], seed });
      const iam = iamVia(p.endpoint);
      let marks = "";
      for (let i = 0; i < 40; i++) marks += await iam.send(new GetUserCommand({ UserName: "a" })).then(() => ".", () => "x");
      iam.destroy();
      await p.stop();
      return marks;
    }
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    expect(await pattern(8)).not.toBe(first);
    const faults = first.split("").filter((c) => c === "x").length;
    expect(faults).toBeGreaterThan(4);
    expect(faults).toBeLessThan(22);
  });

  it("refuses settings that cannot work", async () => {
    await expect(startIamProxy({ target: targetUrl, faultRate: 1.5 })).rejects.toThrow(/faultRate/);
    proxy = await startIamProxy({ target: targetUrl });
    expect(() => proxy!.configure({ faultRate: 0.5, faults: [] })).toThrow(/at least one fault kind/);
  });
});
