// `npm run test:e2e`: a moto emulator, a webhook receiver and a migrated SQLite database for this
// run, the app built once, then Playwright (which starts `next start` through its webServer).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { emulatorEnv, startEmulator } from "../lib/testing/moto/process.ts";
import { startWebhookReceiver } from "../lib/testing/webhook-receiver.ts";
import { startOidcProvider } from "../lib/testing/oidc-provider.ts";
import { startCloudTrailFake } from "../lib/testing/cloudtrail-fake.ts";
import { freePort } from "../lib/testing/free-port.ts";

const root = resolve(import.meta.dirname, "..");

// Asynchronous on purpose: the webhook receiver lives in this process and must keep answering.
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code) => done(code ?? 1));
  });
}

/** Debian's Chromium, installed on first use where we may (Playwright cannot download its own here). */
async function ensureChromium(): Promise<void> {
  if (process.env.KEYROTATE_CHROMIUM || existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    console.error("e2e: no Chromium found. Install Debian's chromium, or set KEYROTATE_CHROMIUM to a Chromium binary.");
    process.exit(1);
  }
  console.log("e2e: installing Debian's chromium (once per machine)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update", "-qq"], env)) !== 0 || (await run("apt-get", ["install", "-y", "-qq", "chromium"], env)) !== 0) process.exit(1);
}

await ensureChromium();
// A caller (npm test) may name the folder to read the report from; otherwise it is removed after a pass.
const callerDir = process.env.KEYROTATE_E2E_WORKDIR;
const work = callerDir ?? join(root, ".tmp", `e2e-${process.pid}`);
mkdirSync(work, { recursive: true });
const emulator = await startEmulator();
const receiver = await startWebhookReceiver();
// CloudTrail LookupEvents answered from recorded responses: moto does not implement it.
const cloudTrail = await startCloudTrailFake({ anyKey: true });
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
// A real OpenID provider: the sign-in spec signs in through it; the other specs use demo sign-in.
const provider = await startOidcProvider({
  clients: [{ clientId: "keyrotate-e2e", clientSecret: "e2e-client-secret", redirectUris: [`${publicUrl}/auth/callback`], postLogoutRedirectUris: [`${publicUrl}/signin?signedout=1`] }],
  users: [
    { sub: "pat", name: "Pat Poweruser", email: "pat@example.test", groups: ["poweruser"] },
    { sub: "vic", name: "Vic Viewer", email: "vic@example.test", groups: ["staff"] },
    { sub: "ada", name: "Ada Admin", email: "ada@example.test", groups: ["admin"] },
  ],
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...emulatorEnv(emulator.endpoint),
  DATABASE_URL: `file:${join(work, "e2e.db")}`,
  KEYROTATE_PUBLIC_URL: publicUrl,
  KEYROTATE_OIDC_ISSUER: provider.issuer,
  KEYROTATE_OIDC_CLIENT_ID: "keyrotate-e2e",
  KEYROTATE_OIDC_CLIENT_SECRET: "e2e-client-secret",
  // `next start` runs in production mode: demo sign-in and the short windows below must be asked for.
  KEYROTATE_DEMO_SIGNIN: "1",
  KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION: "1",
  KEYROTATE_ALLOW_SHORT_WINDOWS: "1",
  KEYROTATE_PROTECTED_USERS: "break-glass-*",
  KEYROTATE_QUIET_WINDOW_SECONDS: "4",
  KEYROTATE_INACTIVE_PERIOD_SECONDS: "4",
  KEYROTATE_POLL_INTERVAL_SECONDS: "1",
  KEYROTATE_WEBHOOK_URL: receiver.url,
  AWS_ENDPOINT_URL_CLOUDTRAIL: cloudTrail.endpoint,
  KEYROTATE_E2E_WORKDIR: work,
  KEYROTATE_E2E_EMULATOR: emulator.endpoint,
  KEYROTATE_E2E_PORT: String(port),
  KEYROTATE_E2E_BARE_PORT: String(await freePort()),
  NODE_NO_WARNINGS: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

let code = await run(process.execPath, ["bin/keyrotate.mjs", "migrate"], env);
if (code === 0 && !process.env.KEYROTATE_E2E_SKIP_BUILD) code = await run("npx", ["next", "build"], env);
if (code === 0) code = await run("npx", ["playwright", "test", ...process.argv.slice(2)], env);

await emulator.stop();
await receiver.close();
await provider.stop();
await cloudTrail.stop();
if (code === 0 && !callerDir) rmSync(work, { recursive: true, force: true });
process.exit(code);
