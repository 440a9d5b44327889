// `keyrotate locations discover PATH...`: finds access key ids in secrets files (decrypted hieradata,
// JSON, .env, shell) and says which known key stands under which name; `--record` adds them to the
// registry. Prints ids, user names, names, files and lines: never a value read from a file.
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import type { Finding } from "../discovery/findings.ts";
import { lookUpOccurrences, parseDiscoveryPlace, recordDiscoveredLocations, type DiscoveryPlace } from "../discovery/record.ts";
import { scanText, type Occurrence } from "../discovery/scan.ts";
import { saveRunOf } from "../discovery/runs.ts";
import { readSources } from "../discovery/walk.ts";
import { withDb } from "./output.ts";
import { cliActor } from "./actor.ts";

export type DiscoverOptions = { system?: string; environment?: string; json?: boolean; record?: boolean };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Where the files live: needed to record, and kept with the run (for the gap report) whenever given. */
function placeFor(opts: DiscoverOptions): DiscoveryPlace | null {
  if (!opts.record && !opts.system && !opts.environment) return null;
  if (!opts.system || !opts.environment) {
    throw new KeyrotateError(
      "invalid-input",
      `${opts.record ? "--record needs" : "Give both"} --system and --environment (where these files live), e.g. --system govuk-secrets/puppet --environment staging.`,
    );
  }
  return parseDiscoveryPlace({ system: opts.system, environment: opts.environment });
}

async function scanAll(paths: string[]): Promise<Occurrence[]> {
  const occurrences: Occurrence[] = [];
  for await (const source of readSources(paths)) {
    if ("skipped" in source) console.error(`skipped ${source.label}: ${source.skipped}`);
    else occurrences.push(...scanText(source.text, source.label));
  }
  return occurrences;
}

/** Columns padded to their widest cell; the last column is not padded. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  "));
  }
}

function printFindings(findings: Finding[]): void {
  if (findings.length === 0) return;
  printTable(
    ["access key id", "known", "identifier", "where"],
    findings.map((f) => [f.accessKeyId, f.known ? `yes (${f.userName})` : "no", f.identifier, `${f.file}:${f.line}`]),
  );
}

export async function discoverLocations(paths: string[], opts: DiscoverOptions): Promise<void> {
  const place = placeFor(opts);
  const occurrences = await scanAll(paths);
  await withDb(async () => {
    const findings = await lookUpOccurrences(occurrences);
    const known = findings.filter((f) => f.known).length;
    let summary = `${plural(findings.length, "occurrence")}, ${known} known`;
    if (opts.json) console.log(JSON.stringify(findings, null, 2));
    else printFindings(findings);

    const actor = place ? await cliActor() : null;
    if (place && actor) {
      // Kept even without --record: the gap report compares the registry with what this run saw.
      await saveRunOf(occurrences, place, "cli", actor.actor);
    }
    if (place && actor && opts.record) {
      const counts = await recordDiscoveredLocations(occurrences, place, actor.actor);
      summary += `, ${plural(counts.created, "new location")} recorded (${counts.alreadyRecorded} already recorded)`;
      await appendAudit({
        ...actor,
        action: "location.discover",
        input: { paths, system: place.system, environment: place.environment, occurrences: findings.length, known },
        result: "ok",
        message: `${summary}.`,
      });
    }
    // With --json, standard output is the array alone so it can be piped to jq.
    (opts.json ? console.error : console.log)(`${summary}.`);
  });
}
