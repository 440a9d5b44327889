// A loopback proxy between the AWS SDK and the moto emulator, for tests that count IAM calls or need
// AWS's bad days: added latency, throttling, 500/503 answers and dropped connections. Point a client at
// `endpoint` (e.g. `new IAMClient({ endpoint })`); faults are drawn from a seeded PRNG, so a run with the
// same seed and the same request order faults the same requests.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type IamFault = "throttle" | "500" | "503" | "drop";

export type IamProxyOptions = {
  /** Base URL of the emulator, e.g. http://127.0.0.1:PORT. */
  target: string;
  latencyMs?: number;
  /** Probability (0..1) that a request is answered with a fault instead of being forwarded. */
  faultRate?: number;
  /** Kinds drawn from when a fault is due (uniformly); all four by default. */
  faults?: IamFault[];
  /** Actions answered AccessDenied, as for a role that lacks their permission (e.g. ["ListUserTags"]). */
  denied?: string[];
  seed?: number;
};

export type IamProxyStats = { requests: number; byAction: Record<string, number>; faults: Record<string, number> };

/**
 * Hooks for crash tests: `before` runs when a request arrives (IAM has not seen it; returning true drops the
 * request, as if the caller died before sending it), `after` once IAM has answered it (the caller has not yet).
 */
export type IamProxyHooks = { before?: (action: string) => boolean | void; after?: (action: string) => void };

export type IamProxy = {
  endpoint: string;
  /** Replaces the hooks; `{}` removes them. */
  hook(hooks: IamProxyHooks): void;
  stats(): IamProxyStats;
  resetStats(): void;
  configure(opts: Partial<Pick<IamProxyOptions, "latencyMs" | "faultRate" | "faults" | "denied">>): void;
  stop(): Promise<void>;
};

const ALL_FAULTS: IamFault[] = ["throttle", "500", "503", "drop"];
// Test tooling routes (moto's reset, keyrotate's backdating) must always work, or a test's setup flakes.
const NEVER_FAULTED = ["/moto-api", "/_keyrotate/"];
// Hop-by-hop headers describe one connection, not the request: the upstream connection has its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

/** mulberry32: small, fast and good enough to spread faults; Math.random cannot be seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The operation a request names: query protocol `Action=`, JSON protocols' X-Amz-Target, else the path. */
function actionOf(req: IncomingMessage, body: Buffer): string {
  const url = new URL(req.url ?? "/", "http://proxy");
  const target = req.headers["x-amz-target"];
  if (typeof target === "string" && target) return target.slice(target.lastIndexOf(".") + 1);
  const contentType = req.headers["content-type"] ?? "";
  const form = contentType.includes("x-www-form-urlencoded") ? new URLSearchParams(body.toString("utf8")) : undefined;
  return form?.get("Action") ?? url.searchParams.get("Action") ?? `${req.method} ${url.pathname}`;
}

function withoutHopByHop(headers: IncomingMessage["headers"]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

function xmlError(res: ServerResponse, status: number, type: "Sender" | "Receiver", code: string, message: string) {
  const body =
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code>` +
    `<Message>${message}</Message></Error><RequestId>keyrotate-iam-proxy</RequestId></ErrorResponse>`;
  res.writeHead(status, { "Content-Type": "text/xml", "Content-Length": Buffer.byteLength(body) }).end(body);
}

function jsonError(res: ServerResponse, status: number, type: string, message: string) {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": type, "Content-Length": Buffer.byteLength(body) }).end(body);
}

function answerFault(req: IncomingMessage, res: ServerResponse, fault: IamFault): void {
  if (fault === "drop") {
    req.socket.destroy();
    return;
  }
  // IAM speaks XML (query protocol); Secrets Manager, SSM and other JSON services get JSON errors.
  const json = typeof req.headers["x-amz-target"] === "string";
  const [status, type, code, message] =
    fault === "throttle"
      ? ([400, "Sender", "Throttling", "Rate exceeded"] as const)
      : fault === "500"
        ? ([500, "Receiver", "InternalFailure", "injected 500 by keyrotate's IAM proxy"] as const)
        : ([503, "Receiver", "ServiceUnavailable", "injected 503 by keyrotate's IAM proxy"] as const);
  if (json) jsonError(res, status, fault === "throttle" ? "ThrottlingException" : code, message);
  else xmlError(res, status, type, code, message);
}

export async function startIamProxy(opts: IamProxyOptions): Promise<IamProxy> {
  const target = new URL(opts.target);
  const settings = { latencyMs: opts.latencyMs ?? 0, faultRate: opts.faultRate ?? 0, faults: opts.faults ?? ALL_FAULTS, denied: opts.denied ?? [] };
  check(settings);
  const random = prng(opts.seed ?? 1);
  const agent = new Agent({ keepAlive: true });
  const timers = new Set<NodeJS.Timeout>();
  let stats: IamProxyStats = { requests: 0, byAction: {}, faults: {} };
  let hooks: IamProxyHooks = {};

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, action: string): void {
    const headers = withoutHopByHop(req.headers);
    if (body.length > 0) headers["content-length"] = String(body.length);
    const upstream = httpRequest(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (answer) => {
        hooks.after?.(action);
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (res.headersSent) res.destroy(error);
      else xmlError(res, 502, "Receiver", "BadGateway", `keyrotate's IAM proxy cannot reach ${target.origin}: ${error.message}`);
    });
    upstream.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const action = actionOf(req, body);
    stats.requests++;
    stats.byAction[action] = (stats.byAction[action] ?? 0) + 1;
    const faultable = !NEVER_FAULTED.some((prefix) => (req.url ?? "").startsWith(prefix));
    // Draw only for faultable requests, so control calls don't shift which IAM calls fail.
    const fault =
      faultable && settings.faultRate > 0 && random() < settings.faultRate
        ? settings.faults[Math.floor(random() * settings.faults.length)]
        : undefined;
    await delay(settings.latencyMs);
    if (settings.denied.includes(action)) {
      xmlError(res, 403, "Sender", "AccessDenied", `keyrotate's IAM proxy: not authorized to perform iam:${action}`);
    } else if (fault) {
      stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      answerFault(req, res, fault);
    } else {
      if (hooks.before?.(action)) {
        req.socket.destroy();
        return;
      }
      forward(req, res, body, action);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) xmlError(res, 502, "Receiver", "ProxyError", String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    hook: (next) => void (hooks = next),
    resetStats: () => void (stats = { requests: 0, byAction: {}, faults: {} }),
    configure(changes) {
      const next = { ...settings, ...withDefined(changes) };
      check(next);
      Object.assign(settings, next);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function withDefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function check(s: { latencyMs: number; faultRate: number; faults: IamFault[] }): void {
  if (!(s.latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${s.latencyMs}`);
  if (!(s.faultRate >= 0 && s.faultRate <= 1)) throw new Error(`faultRate must be within 0..1, got ${s.faultRate}`);
  if (s.faultRate > 0 && s.faults.length === 0) throw new Error("faultRate > 0 needs at least one fault kind");
  for (const f of s.faults) if (!ALL_FAULTS.includes(f)) throw new Error(`unknown fault ${f}`);
}
