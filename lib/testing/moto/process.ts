// Starts the local IAM emulator (moto + keyrotate's control routes, see iam-emulator.py) as a child
// process, for the demo, integration tests and Playwright.
//
// CLI: node --import tsx lib/testing/moto/process.ts [--port 4566] [--host 127.0.0.1] (empty; `npm run demo` seeds one)
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const LAUNCHER = fileURLToPath(new URL("./iam-emulator.py", import.meta.url));
const READY_LINE = /^keyrotate-iam-emulator ready (http:\/\/\S+)$/;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_TAIL_CHARS = 4_000;

export type Emulator = { endpoint: string; port: number; stop(): Promise<void> };

export type BackdateInput = {
  accessKeyId: string;
  createDate?: Date | string;
  /** null marks the key as never used. */
  lastUsed?: { date: Date | string; service: string; region: string } | null;
};

/** A control route answered with a non-2xx status; `status` lets tests tell 404 from 400. */
export class EmulatorError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "EmulatorError";
  }
}

export async function startEmulator(opts: { port?: number; host?: string } = {}): Promise<Emulator> {
  const host = opts.host ?? "127.0.0.1";
  // Port 0 lets the launcher bind any free port and report it in the ready line: unlike probing a free
  // port here and passing it on, nothing else can grab the port in between.
  const port = opts.port ?? 0;
  const python = process.env.KEYROTATE_PYTHON || "python3";
  const child = spawn(python, [LAUNCHER, "--host", host, "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });

  let stderrTail = "";
  child.stderr.setEncoding("utf8");
  // Always drain stderr, or a chatty child would block once the pipe buffer fills.
  child.stderr.on("data", (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test runner that crashes must not leave an orphaned emulator holding the port.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const endpoint = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.removeListener("exit", killOnExit);
      child.kill("SIGKILL");
      reject(new Error(`IAM emulator (${python} ${LAUNCHER}) ${reason}\n--- stderr tail ---\n${stderrTail}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.on("error", (error) => fail(`failed to start: ${error.message}`));
    // "close", not "exit": by then stderr has been read to the end, so the tail is complete.
    child.once("close", (code, signal) => fail(`exited before ready (code ${code}, signal ${signal})`));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = READY_LINE.exec(line.trim());
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(match[1]);
    });
  });

  return {
    endpoint,
    port: Number(new URL(endpoint).port),
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Environment that points the AWS SDK (and so keyrotate's lib/iam) at the emulator. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_IAM: endpoint,
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_ENDPOINT_URL_SSM: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  };
}

async function postControl(url: string, body?: unknown): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new EmulatorError(`POST ${url} -> ${response.status}: ${await response.text()}`, response.status);
  }
}

/** Sets a key's creation and/or last-use date, which no AWS API can do. */
export async function backdateKey(endpoint: string, input: BackdateInput): Promise<void> {
  const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);
  const body: Record<string, unknown> = { accessKeyId: input.accessKeyId };
  if (input.createDate !== undefined) body.createDate = iso(input.createDate);
  if (input.lastUsed !== undefined) {
    body.lastUsed = input.lastUsed && { ...input.lastUsed, date: iso(input.lastUsed.date) };
  }
  await postControl(new URL("/_keyrotate/backdate", endpoint).href, body);
}

/** Forgets every user, key and other resource in every account. */
export async function resetEmulator(endpoint: string): Promise<void> {
  await postControl(new URL("/moto-api/reset", endpoint).href);
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });
  const emulator = await startEmulator({
    port: values.port === undefined ? undefined : Number(values.port),
    host: values.host,
  });
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  console.log(`IAM emulator listening at ${emulator.endpoint} (Ctrl-C to stop)`);
  for (const [name, value] of Object.entries(emulatorEnv(emulator.endpoint))) console.log(`${name}=${value}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
