// `npm run demo`: the moto IAM emulator with a seeded ~40-user account, a migrated SQLite file,
// one sync, then the dashboard on http://localhost:3000. Ctrl-C stops everything.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { emulatorEnv, startEmulator } from "../lib/testing/moto/process.ts";
import { seedIam } from "../lib/testing/moto/seed.ts";
import { demoUsers } from "./demo-data/users.ts";
import { startWebhookReceiver } from "../lib/testing/webhook-receiver.ts";

const root = resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
const dbFile = resolve(root, "data/demo.db");

const emulator = await startEmulator();
await seedIam(emulator.endpoint, demoUsers);
// 2nd line's channel, for the demo: notices are printed here instead of posted to Slack.
const receiver = await startWebhookReceiver((body) => console.log(`[2nd line] ${(body as { text?: string }).text ?? JSON.stringify(body)}`));

const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...emulatorEnv(emulator.endpoint),
  DATABASE_URL: `file:${dbFile}`,
  // Pick any name and role on the sign-in page; a banner on every page says so. Never for real keys.
  KEYROTATE_DEMO_SIGNIN: "1",
  KEYROTATE_WEBHOOK_URL: receiver.url,
  // Minutes, not a day, so a rotation can be walked through in one sitting.
  KEYROTATE_QUIET_WINDOW_SECONDS: process.env.KEYROTATE_QUIET_WINDOW_SECONDS ?? "60",
  KEYROTATE_INACTIVE_PERIOD_SECONDS: process.env.KEYROTATE_INACTIVE_PERIOD_SECONDS ?? "120",
  KEYROTATE_POLL_INTERVAL_SECONDS: "5",
  // The demo users carry a "team" tag: it names their owners (Keys by owner, the owner filter and chart).
  KEYROTATE_OWNER_TAG: process.env.KEYROTATE_OWNER_TAG ?? "team",
  NODE_NO_WARNINGS: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

// A fresh demo each time: the emulator starts empty, so yesterday's keys would only show as deleted.
rmSync(dbFile, { force: true });
// Where the demo's keys are used: what the team would import from its spreadsheet.
const demoLocations = resolve(import.meta.dirname, "demo-data/locations.csv");
for (const args of [["migrate"], ["sync"], ["locations", "import", demoLocations]]) {
  const out = spawnSync(process.execPath, [resolve(root, "bin/keyrotate.mjs"), ...args], { cwd: root, env, stdio: "inherit" });
  if (out.status !== 0) {
    await emulator.stop();
    process.exit(out.status ?? 1);
  }
}

console.log(`\nIAM emulator: ${emulator.endpoint}   (AWS_ENDPOINT_URL_IAM=${emulator.endpoint})`);
console.log(`Dashboard:    http://localhost:${port}   (demo sign-in: pick a name and a role)\n`);
// Next.js itself, not through npx, so stopping the demo stops the server too.
const nextBin = resolve(root, "node_modules/next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, "dev", "-p", port], { cwd: root, env, stdio: "inherit" });

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await emulator.stop();
  await receiver.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
next.on("exit", (code) => void stop(code ?? 0));
