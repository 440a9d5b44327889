// `npm test`: every check and test, in order, then one closing line of counts.
// Schemas and types and lint first (fast, and a failure there explains later ones), then Vitest
// (unit, and integration on SQLite and — when KEYROTATE_TEST_POSTGRES_URL is set — PostgreSQL),
// then Playwright in Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const tmp = join(root, ".tmp");
mkdirSync(tmp, { recursive: true });
const env = { ...process.env, NODE_NO_WARNINGS: "1" };
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function step(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const status = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" }).status;
  console.log(`=== ${name}: ${status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (status !== 0) failures.push(name);
  return status === 0;
}

function check(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  // A check is one test: it passes or fails as a whole.
  if (step(name, cmd, args, extraEnv)) counts.passed++;
  else counts.failed++;
}

check("prisma schemas derived from prisma/models.prisma", process.execPath, ["prisma/derive-schemas.mjs", "--check"]);
if (process.env.KEYROTATE_TEST_POSTGRES_URL) {
  // The migrations rebuild exactly the schema (replayed in a shadow database the CLI adapter makes).
  check("postgresql migrations match prisma/models.prisma", "npx", [
    "prisma", "migrate", "diff", "--config", "prisma/postgresql.config.ts",
    "--from-migrations", "prisma/postgresql/migrations", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--exit-code",
  ], { DATABASE_URL: process.env.KEYROTATE_TEST_POSTGRES_URL });
}
check("typescript", "npx", ["tsc", "--noEmit"]);
check("eslint", "npx", ["eslint", ".", "--max-warnings=0"]);

if (!process.env.KEYROTATE_TEST_POSTGRES_URL) {
  console.log("\n" + "!".repeat(78));
  console.log("!! SKIPPED: the PostgreSQL integration suite. Set KEYROTATE_TEST_POSTGRES_URL to an admin");
  console.log("!! url (e.g. postgresql://postgres@127.0.0.1:5432/postgres) to run it. CI sets it.");
  console.log("!".repeat(78));
}
const vitestJson = join(tmp, "vitest.json");
step("vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0);
  counts.skipped += r.numPendingTests + r.numTodoTests;
}

if (!process.env.KEYROTATE_SKIP_E2E) {
  const work = join(tmp, `e2e-${process.pid}`);
  step("playwright e2e (chromium)", process.execPath, ["--import", "tsx", "e2e/run.ts"], { KEYROTATE_E2E_WORKDIR: work });
  const report = join(work, "playwright.json");
  if (existsSync(report)) {
    const s = JSON.parse(readFileSync(report, "utf8")).stats;
    counts.passed += s.expected + s.flaky;
    counts.failed += s.unexpected;
    counts.skipped += s.skipped;
  } else {
    counts.failed++;
  }
} else {
  console.log("\n!! SKIPPED: Playwright e2e (KEYROTATE_SKIP_E2E is set).");
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`\nkeyrotate: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length || counts.failed ? 1 : 0);
