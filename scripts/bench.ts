// `npm run bench [-- --users 1000]`: how long sync, CSV import and search take at scale, on SQLite
// and (when KEYROTATE_TEST_POSTGRES_URL is set) PostgreSQL, against a local emulator. Quote its
// output; tests never assert timings.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { emulatorEnv, startEmulator } from "../lib/testing/moto/process.ts";
import { seedIam, type SeedUser } from "../lib/testing/moto/seed.ts";
import { createTemplate } from "../lib/testing/database.ts";

const { values } = parseArgs({
  options: { users: { type: "string", default: "1000" }, rows: { type: "string", default: "10000" }, provider: { type: "string" } },
});
const userCount = Number(values.users);
const rowCount = Number(values.rows);

const users: SeedUser[] = Array.from({ length: userCount }, (_, i) => ({
  userName: `bench-app-${String(i).padStart(5, "0")}`,
  keys: i % 10 === 0 ? [{ ageDays: 200, lastUsed: { daysAgo: 3, service: "s3", region: "eu-west-2" } }, { ageDays: 2 }] : [{ ageDays: (i % 400) + 1, lastUsed: i % 7 ? { daysAgo: 1, service: "s3", region: "eu-west-2" } : null }],
}));

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await fn();
  console.log(`  ${label.padEnd(46)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s`);
  return out;
}

async function measure(provider: "sqlite" | "postgresql") {
  const database = await createTemplate(provider, process.env.KEYROTATE_TEST_POSTGRES_URL);
  process.env.DATABASE_URL = database.url;
  const { runSync } = await import("../lib/sync/run-sync.ts");
  const { importLocationsCsv } = await import("../lib/locations/registry.ts");
  const { searchRegistry } = await import("../lib/locations/search.ts");
  const { loadKeyRows } = await import("../lib/inventory/dashboard.ts");
  const { disconnectDb } = await import("../lib/db/client.ts");
  console.log(`\n${provider}:`);
  const [first] = await time(`sync (first: every user and key inserted)`, () => runSync("bench"));
  await time(`sync (again: everything upserted)`, () => runSync("bench"));
  console.log(`  -> ${first.usersSeen} users, ${first.keysSeen} keys`);
  await time(`dashboard rows with flags`, () => loadKeyRows());
  const single = users.filter((u) => u.keys.length === 1);
  const csv = ["access_key_id,user_name,kind,system,environment,identifier,notes"];
  for (let i = 0; i < rowCount; i++) {
    const u = single[i % single.length];
    csv.push(`,${u.userName},secrets-repo,govuk-secrets/puppet,env-${Math.floor(i / single.length)},govuk::apps::${u.userName}::aws_access_key_id,`);
  }
  const text = csv.join("\n");
  const imported = await time(`import ${rowCount} rows (parse, check, write all)`, () => importLocationsCsv(text, { commit: true, actor: "bench" }));
  if (imported.errors.length) throw new Error(`bench CSV had errors: ${imported.errors[0].message}`);
  await time(`re-import the same file (changes nothing)`, () => importLocationsCsv(text, { commit: true, actor: "bench" }));
  await time(`search "bench-app-00042"`, () => searchRegistry("bench-app-00042"));
  await disconnectDb();
  await database.drop();
}

if (values.provider) {
  // A child run: one provider per process, since configuration and the client are read once.
  await measure(values.provider as "sqlite" | "postgresql");
} else {
  const emulator = await startEmulator();
  const env = { ...process.env, ...emulatorEnv(emulator.endpoint), NODE_NO_WARNINGS: "1" };
  console.log(`keyrotate bench: ${userCount} IAM users (${users.reduce((n, u) => n + u.keys.length, 0)} keys), ${rowCount} CSV rows`);
  await time(`seed the emulator (not keyrotate)`, () => seedIam(emulator.endpoint, users));
  for (const provider of ["sqlite", ...(process.env.KEYROTATE_TEST_POSTGRES_URL ? ["postgresql"] : [])]) {
    const args = ["--conditions=react-server", "--import", "tsx", import.meta.filename, "--provider", provider, "--users", String(userCount), "--rows", String(rowCount)];
    spawnSync(process.execPath, args, { env, stdio: "inherit" });
  }
  await emulator.stop();
}
