// `npm run bench [-- --users 5000 --latency 30 --provider sqlite|postgresql --rows 10000]`: measures, does
// not test. Seeds the emulator with N users × 2 keys, puts a loopback proxy adding a fixed round trip in
// front of IAM (the emulator answers in microseconds, AWS does not), and prints wall time and IAM calls for
// a full sync, a re-sync with nothing changed and one with one key changed, and for a naive sequential
// baseline through the same proxy; then the dashboard's server time, HTML size and server RSS at that many
// keys, and CSV import and search at scale. Quote its output.
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { createTemplate } from "../lib/testing/database.ts";
import { emulatorEnv, startEmulator } from "../lib/testing/moto/process.ts";
import { seedIam, type SeedUser } from "../lib/testing/moto/seed.ts";
import { startIamProxy } from "../lib/testing/iam-proxy.ts";
import { measureDashboard } from "./bench-dashboard.ts";
import { naiveSequentialSync } from "./bench-naive.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "5000" },
    latency: { type: "string", default: "30" },
    rows: { type: "string", default: "10000" },
    provider: { type: "string", default: "sqlite" },
    child: { type: "boolean", default: false },
    "skip-naive": { type: "boolean", default: false },
    "skip-dashboard": { type: "boolean", default: false },
  },
});
const userCount = Number(values.users);
const latencyMs = Number(values.latency);
const rowCount = Number(values.rows);
const provider = values.provider as "sqlite" | "postgresql";

const users: SeedUser[] = Array.from({ length: userCount }, (_, i) => ({
  userName: `bench-app-${String(i).padStart(5, "0")}`,
  keys: [
    { ageDays: (i % 400) + 30, lastUsed: i % 7 ? { daysAgo: (i % 20) + 1, service: "s3", region: "eu-west-2" } : null },
    { ageDays: (i % 25) + 1, lastUsed: i % 3 ? { daysAgo: 0, service: "s3", region: "eu-west-2" } : null },
  ],
}));

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** The measurements, in a child process with React's server conditions (server-only modules load there). */
async function child() {
  const database = await createTemplate(provider, process.env.KEYROTATE_TEST_POSTGRES_URL);
  process.env.DATABASE_URL = database.url;
  const proxy = await startIamProxy({ target: process.env.KEYROTATE_BENCH_EMULATOR!, latencyMs });
  process.env.AWS_ENDPOINT_URL_IAM = proxy.endpoint;
  const { runSync } = await import("../lib/sync/run-sync.ts");
  const { disconnectDb } = await import("../lib/db/client.ts");
  const { useKey: signWithKey } = await import("../lib/testing/emulator.ts");
  const seeded = JSON.parse(process.env.KEYROTATE_BENCH_KEY!) as { accessKeyId: string; secretAccessKey: string };

  console.log(`\nsync, ${userCount} users × 2 keys, ${latencyMs} ms added to every IAM call (${provider}):`);
  const sync = async (label: string) => {
    proxy.resetStats();
    const { ms, value } = await timed(() => runSync("bench"));
    if (value[0].status !== "ok") throw new Error(`sync failed: ${value[0].error}`);
    line(label, `${seconds(ms).padStart(9)}  ${String(proxy.stats().requests).padStart(6)} IAM calls`);
    return { ms, calls: proxy.stats().requests, run: value[0] };
  };
  const full = await sync("full sync (first)");
  const again = await sync("re-sync, nothing changed");
  await signWithKey(process.env.KEYROTATE_BENCH_EMULATOR!, seeded.accessKeyId, seeded.secretAccessKey);
  const one = await sync("re-sync, one key used since");
  line("  keys stored", `${full.run.keysSeen}`);
  const allowed = 2 + Math.ceil(userCount / 1000);
  line("  target: nothing changed ≤ 2 + ⌈users/1000⌉", `${again.calls} ≤ ${allowed}: ${again.calls <= allowed ? "met" : "MISSED"}`);
  line("  target: one key changed ≤ 3 more", `${one.calls - again.calls} more: ${one.calls - again.calls <= 3 ? "met" : "MISSED"}`);

  if (!values["skip-naive"]) {
    proxy.resetStats();
    const naive = await timed(() => naiveSequentialSync(proxy.endpoint));
    line("naive sequential baseline (ListUsers, ListUserTags, ListAccessKeys, LastUsed)", `${seconds(naive.ms).padStart(9)}  ${String(proxy.stats().requests).padStart(6)} IAM calls`);
    const ratio = full.ms / naive.ms;
    line("  target: full sync ≤ 0.2 × baseline", `${ratio.toFixed(3)} × baseline: ${ratio <= 0.2 ? "met" : "MISSED"}`);
  }
  await proxy.stop();
  await disconnectDb();

  if (!values["skip-dashboard"]) await measureDashboard(database.url, full.run.keysSeen);
  const { measureRegistry } = await import("./bench-registry.ts");
  await measureRegistry(users, rowCount);
  await disconnectDb();
  await database.drop();
}

if (values.child) {
  await child();
} else {
  const emulator = await startEmulator();
  console.log(`keyrotate bench: ${userCount} IAM users, ${userCount * 2} keys`);
  const seeded = await timed(() => seedIam(emulator.endpoint, users));
  line("seed the emulator (not keyrotate)", seconds(seeded.ms));
  const used = seeded.value[1];
  const env = { ...process.env, ...emulatorEnv(emulator.endpoint), NODE_NO_WARNINGS: "1", KEYROTATE_BENCH_EMULATOR: emulator.endpoint, KEYROTATE_BENCH_KEY: JSON.stringify(used) };
  const args = ["--conditions=react-server", "--import", "tsx", import.meta.filename, "--child", ...process.argv.slice(2)];
  const out = spawnSync(process.execPath, args, { env, stdio: "inherit" });
  await emulator.stop();
  process.exit(out.status ?? 1);
}
