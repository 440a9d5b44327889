// `npm test`: every check and test, in order, then one closing line of counts.
// Schemas and types and lint first (fast, and a failure there explains later ones), then Vitest
// (unit, and integration on SQLite and PostgreSQL), then Playwright in Chromium.
// PostgreSQL: KEYROTATE_TEST_POSTGRES_URL names the server; unset, a server answering on the default
// local address is used (KEYROTATE_TEST_POSTGRES_PROBE_URL moves the probe). With none, the suite is
// announced as skipped and counted as skipped in the closing line, as is a skipped e2e suite.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { resilienceTable, RESILIENCE_DIR } from "./resilience-summary.ts";
import { DEFAULT_POSTGRES_URL, choosePostgres } from "./test-postgres.ts";

const root = resolve(import.meta.dirname, "..");
const tmp = join(root, ".tmp");
mkdirSync(tmp, { recursive: true });
// The resilience figures printed at the end are this run's only.
rmSync(RESILIENCE_DIR, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: "1" };
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

/** The e2e tests there are, without running them (`playwright test --list` starts no server). */
function countE2eTests(): number {
  const out = spawnSync("npx", ["playwright", "test", "--list", "--reporter=json"], { cwd: root, env, encoding: "utf8" });
  type Suite = { specs?: { tests: unknown[] }[]; suites?: Suite[] };
  const count = (s: Suite): number => (s.specs ?? []).reduce((n, spec) => n + spec.tests.length, 0) + (s.suites ?? []).reduce((n, c) => n + count(c), 0);
  try {
    return (JSON.parse(out.stdout).suites as Suite[]).reduce((n, s) => n + count(s), 0);
  } catch {
    // Not countable (Playwright itself broken): say so; the suite still counts once as skipped.
    console.log(`!! could not list the e2e tests: ${out.stderr.trim().split("\n")[0] ?? "no output"}`);
    return 1;
  }
}

const chosen = await choosePostgres();
const postgresUrl = chosen.url;
const postgresSkipped = chosen.skipped ?? "";
if (postgresUrl) {
  env.KEYROTATE_TEST_POSTGRES_URL = postgresUrl; // vitest.config.ts adds the int-postgresql project
  const u = new URL(postgresUrl);
  console.log(`PostgreSQL suite: on ${u.host}${u.pathname} as ${u.username || "(default user)"}.`);
}

check("prisma schemas derived from prisma/models.prisma", process.execPath, ["prisma/derive-schemas.mjs", "--check"]);
if (postgresUrl) {
  // The migrations rebuild exactly the schema (replayed in a shadow database the CLI adapter makes).
  check("postgresql migrations match prisma/models.prisma", "npx", [
    "prisma", "migrate", "diff", "--config", "prisma/postgresql.config.ts",
    "--from-migrations", "prisma/postgresql/migrations", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--exit-code",
  ], { DATABASE_URL: postgresUrl });
} else {
  counts.skipped++; // that check is one test, as every check is
}
check("typescript", "npx", ["tsc", "--noEmit"]);
check("eslint", "npx", ["eslint", ".", "--max-warnings=0"]);

if (!postgresUrl) {
  console.log("\n" + "!".repeat(78));
  console.log("!! SKIPPED: the PostgreSQL integration suite and its migrations check:");
  console.log(`!! ${postgresSkipped}.`);
  console.log(`!! Start PostgreSQL on ${new URL(DEFAULT_POSTGRES_URL).host}, or set KEYROTATE_TEST_POSTGRES_URL to an`);
  console.log("!! admin url (one that may create databases and roles). CI sets it.");
  console.log("!".repeat(78));
}
const vitestJson = join(tmp, "vitest.json");
step("vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0);
  counts.skipped += r.numPendingTests + r.numTodoTests;
  // The int-postgresql project runs exactly the int-sqlite project's files (both include every
  // *.int.test.ts; vitest.config.ts), so the tests it would have run are the tests of those files that
  // just ran on SQLite, whatever their outcome there. The JSON names no project, but without PostgreSQL
  // only int-sqlite runs *.int.test.ts files.
  if (!postgresUrl) {
    const results = r.testResults as { name: string; assertionResults: unknown[] }[];
    counts.skipped += results.filter((f) => f.name.endsWith(".int.test.ts")).reduce((n, f) => n + f.assertionResults.length, 0);
  }
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
  counts.skipped += countE2eTests();
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
const resilience = resilienceTable();
if (resilience) console.log(`\n${resilience}`);
console.log(`\nkeyrotate: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length || counts.failed ? 1 : 0);
