// `npm run test:resilience`: faults, crash recovery, races and hostile input (SQLite, and PostgreSQL when a
// server answers), then the table of figures. `npm test` runs the same tests and prints the same table.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { RESILIENCE_DIR, resilienceTable } from "./resilience-summary.ts";
import { choosePostgres } from "./test-postgres.ts";

const root = resolve(import.meta.dirname, "..");
const files = ["lib/sync/faults.int.test.ts", "lib/rotation/crash-recovery.int.test.ts", "lib/rotation/races.int.test.ts", "app/hostile-input.int.test.ts"];
rmSync(RESILIENCE_DIR, { recursive: true, force: true });
const pg = (await choosePostgres()).url;
const projects = ["--project", "int-sqlite", ...(pg ? ["--project", "int-postgresql"] : [])];
const out = spawnSync("npx", ["vitest", "run", ...projects, ...files], { cwd: root, stdio: "inherit", env: { ...process.env, ...(pg ? { KEYROTATE_TEST_POSTGRES_URL: pg } : {}) } });
console.log(`\n${resilienceTable() ?? "no figures were written"}`);
process.exit(out.status ?? 1);
