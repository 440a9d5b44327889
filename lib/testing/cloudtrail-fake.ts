// A loopback CloudTrail that answers LookupEvents (JSON 1.1) from recorded pages, because the IAM emulator
// does not implement it. Point the SDK at it with AWS_ENDPOINT_URL_CLOUDTRAIL=<endpoint>. It keeps every
// request it got, so a test can check the filter, the window and the paging. Pages are served exactly as
// recorded: MaxResults is validated, not applied, and StartTime/EndTime do not filter.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RECORDED_KEY_ID, recordedLookupPages, type WireLookupPage } from "./cloudtrail-recorded.ts";

export type LookupRequest = {
  /** The X-Amz-Target header: the SDK sends "CloudTrail_20131101.LookupEvents". */
  target: string;
  /** The AccessKeyId lookup attribute, or null when the request filtered on something else. */
  accessKeyId: string | null;
  lookupAttributes: { AttributeKey?: string; AttributeValue?: string }[];
  startTime: Date | null;
  endTime: Date | null;
  maxResults: number | null;
  nextToken: string | null;
  /** Whether the request carried a SigV4 Authorization header. */
  signed: boolean;
};

export type CloudTrailFake = {
  endpoint: string;
  requests(): LookupRequest[];
  stop(): Promise<void>;
};

export type CloudTrailFakeOptions = {
  /** Recorded pages per access key id; by default the recording of RECORDED_KEY_ID. */
  pages?: Record<string, WireLookupPage[]>;
  /**
   * Answer a key missing from `pages` with the recording, rewritten to name that key: for e2e tests, whose
   * keys the emulator makes after the fake started.
   */
  anyKey?: boolean;
  /** Answer every LookupEvents with this error instead, e.g. { type: "AccessDeniedException", status: 400 }. */
  failWith?: { type: string; status?: number; message?: string };
};

const JSON_11 = "application/x-amz-json-1.1";

type Body = { LookupAttributes?: LookupRequest["lookupAttributes"]; StartTime?: number; EndTime?: number; MaxResults?: number; NextToken?: string };

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": JSON_11, "x-amzn-requestid": randomUUID() });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, type: string, message: string) {
  send(res, status, { __type: type, message });
}

// JSON 1.1 timestamps are epoch seconds, possibly with a fraction.
const seconds = (value: unknown) => (typeof value === "number" ? new Date(value * 1000) : null);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startCloudTrailFake(options: CloudTrailFakeOptions = {}): Promise<CloudTrailFake> {
  const pages = options.pages ?? { [RECORDED_KEY_ID]: recordedLookupPages() };
  const seen: LookupRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const target = String(req.headers["x-amz-target"] ?? "");
    const text = await readBody(req);
    // AWS's documentation writes the target fully qualified; the SDK sends the short form. Accept both.
    if (req.method !== "POST" || !/(^|\.)CloudTrail_20131101\.LookupEvents$/.test(target)) {
      return fail(res, 400, "UnknownOperationException", `The fake answers only LookupEvents, not ${target || "(no target)"}`);
    }
    let body: Body;
    try {
      body = JSON.parse(text || "{}") as Body;
    } catch {
      return fail(res, 400, "SerializationException", "Request body is not JSON");
    }
    const lookupAttributes = body.LookupAttributes ?? [];
    const accessKeyId = lookupAttributes.find((a) => a.AttributeKey === "AccessKeyId")?.AttributeValue ?? null;
    seen.push({
      target,
      accessKeyId,
      lookupAttributes,
      startTime: seconds(body.StartTime),
      endTime: seconds(body.EndTime),
      maxResults: body.MaxResults ?? null,
      nextToken: body.NextToken ?? null,
      signed: /^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization ?? "")),
    });
    if (options.failWith) {
      const { type, status = 400, message = `${type} (from the CloudTrail fake)` } = options.failWith;
      return fail(res, status, type, message);
    }
    if (body.MaxResults !== undefined && !(body.MaxResults >= 1 && body.MaxResults <= 50)) {
      return fail(res, 400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50");
    }
    const list = (accessKeyId && (pages[accessKeyId] ?? (options.anyKey ? recordedLookupPages(accessKeyId) : undefined))) || [];
    if (!body.NextToken) return send(res, 200, list[0] ?? { Events: [] });
    const after = list.findIndex((p) => p.NextToken === body.NextToken);
    if (after < 0 || !list[after + 1]) return fail(res, 400, "InvalidNextTokenException", "Invalid NextToken");
    return send(res, 200, list[after + 1]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, "InternalFailure", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref(); // never the reason a test process stays alive
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => seen.map((r) => ({ ...r })),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve(); // stopping twice is harmless
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // the SDK keeps connections alive; close() alone would wait for them
      }),
  };
}
