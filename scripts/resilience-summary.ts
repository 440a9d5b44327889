// The resilience figures the tests wrote to .tmp/resilience/ in this run, as one table.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const RESILIENCE_DIR = resolve(import.meta.dirname, "../.tmp/resilience");

type Figures = Record<string, number>;

function read(prefix: string): Figures[] {
  if (!existsSync(RESILIENCE_DIR)) return [];
  return readdirSync(RESILIENCE_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(RESILIENCE_DIR, f), "utf8")) as Figures);
}

const sum = (rows: Figures[], key: string) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);

export function resilienceTable(): string | null {
  const faults = read("faults-");
  const crash = read("crash-");
  const races = read("races-");
  const hostile = read("hostile-input");
  const secrets = read("secrets");
  if (![faults, crash, races, hostile, secrets].some((r) => r.length)) return null;
  const rows: [string, string][] = [
    ["faults injected / survived", faults.length ? `${sum(faults, "faultsInjected")} / ${sum(faults, "syncsExact") === sum(faults, "syncs") && sum(faults, "rotationsCompleted") === faults.length ? sum(faults, "faultsInjected") : "NOT ALL"} (${sum(faults, "syncsExact")}/${sum(faults, "syncs")} syncs exact, ${sum(faults, "rotationsCompleted")}/${faults.length} rotations completed)` : "not run"],
    ["kill points / recovered", crash.length ? `${sum(crash, "killPoints")} / ${sum(crash, "recovered")}` : "not run"],
    ["races / consistent", races.length ? `${sum(races, "races")} / ${sum(races, "consistent")}` : "not run"],
    ["inputs tried / rejected cleanly", hostile.length ? `${sum(hostile, "inputsTried")} / ${sum(hostile, "rejectedCleanly")} (${sum(hostile, "accepted")} valid ones accepted)` : "not run"],
    ["secrets found (database, logs, .next/, responses)", secrets.length ? `${sum(secrets, "secretsFound")} in ${sum(secrets, "bodiesScanned")} bodies and the files` : "not run"],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ["resilience:", ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n");
}

if (process.argv[1] === import.meta.filename) console.log(resilienceTable() ?? "No resilience figures in .tmp/resilience: run npm test or npm run test:resilience.");
