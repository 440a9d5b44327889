// `keyrotate locations discover` as a person runs it over a checkout of a secrets repository: the real
// CLI in a child process, keys seeded in the emulator and synced, the database of this file. Each file
// holds real secret access keys beside the ids; none may leave the process.
import { userInfo } from "node:os";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { listAudit } from "../db/audit.ts";
import { latestDiscoveryRuns } from "../db/discovery-runs.ts";
import { listLocations } from "../db/locations.ts";
import type { Finding } from "../discovery/findings.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";

const emulator = setupEmulator();
const database = setupFreshDatabase();

// The AWS identity of the CLI's credentials, and the operating-system user running it.
const ACTOR = `${userInfo().username} via cli:arn:aws:sts::123456789012:user/moto`;
const UNKNOWN1 = "AKIAUNKNOWN000000001";
const UNKNOWN2 = "ASIAUNKNOWN000000002";
const FAKE1 = "Fake/Secret+For/The/Unknown/Key/Number01";
const FAKE2 = "Fake/Secret+For/The/Unknown/Key/Number02";

let dir = "";
let K1 = ""; // support-staging
let K2 = ""; // support-production
let K3 = ""; // fastly-cdn-logs
let secrets: string[] = [];
const outputs: string[] = [];

function keyrotate(args: string[], input?: string) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: database.url() },
    encoding: "utf8",
    input,
  });
  outputs.push(out.stdout, out.stderr);
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const discover = (...args: string[]) => keyrotate(["locations", "discover", ...args]);

function put(path: string, content: string | Buffer) {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), content);
}

const productionYaml = () =>
  [
    "---",
    `govuk::apps::support::aws_access_key_id: DEC::PKCS7[${K2}]!`,
    `govuk::apps::support::aws_secret_access_key: DEC::PKCS7[${secrets[1]}]!`,
    "govuk::apps::support_api::aws_access_key_id: >",
    `    DEC::PKCS7[${K2}]!`,
    "govuk::apps::support_api::aws_secret_access_key: >",
    `    DEC::PKCS7[${secrets[1]}]!`,
    "",
  ].join("\n");

beforeAll(async () => {
  const seeded = await seedIam(emulator.endpoint(), [
    { userName: "support-staging", keys: [{ ageDays: 30 }] },
    { userName: "support-production", keys: [{ ageDays: 30 }] },
    { userName: "fastly-cdn-logs", keys: [{ ageDays: 30 }] },
  ]);
  [K1, K2, K3] = seeded.map((k) => k.accessKeyId);
  secrets = [...seeded.map((k) => k.secretAccessKey), FAKE1, FAKE2];
  const sync = keyrotate(["sync"]);
  // Progress goes to stderr as plain lines when stderr is not a terminal; the outcome to stdout.
  expect(sync.stderr).toMatch(/^default: reading users 3\/3$/m);
  expect(sync.stdout).toMatch(/^Synced default \(123456789012\): 3 users, 3 keys/m);
  expect(sync.status).toBe(0);

  dir = mkdtempSync(join(tmpdir(), "keyrotate-discover-"));
  put("puppet/hieradata/staging.yaml", [
    "---",
    `govuk::apps::support::aws_access_key_id: "${K1}"`,
    `govuk::apps::support::aws_secret_access_key: "${secrets[0]}"`,
    `govuk::apps::support_api::aws_access_key_id: ${K1}`,
    `govuk::apps::support_api::aws_secret_access_key: ${secrets[0]}`,
    "govuk::node::s3_backup::config:",
    "  credentials:",
    `    key_id: ${UNKNOWN1}`,
    `    secret: ${FAKE1}`,
    "",
  ].join("\n"));
  put("puppet/hieradata/production.yaml", productionYaml());
  put("config/fastly.json", JSON.stringify({ logging: { s3: [{ name: "cdn-logs", access_key: K3, secret_key: secrets[2] }] } }, null, 2));
  put("deploy/.env", `AWS_ACCESS_KEY_ID=${K3}\nAWS_SECRET_ACCESS_KEY=${secrets[2]}\n`);
  put("deploy/backup.sh", [
    "#!/bin/sh",
    `export BACKUP_AWS_ACCESS_KEY_ID="${UNKNOWN2}"`,
    `export BACKUP_AWS_SECRET_ACCESS_KEY="${FAKE2}"`,
    `# the old pair, kept for the restore job: ${K1} ${secrets[0]}`,
    "",
  ].join("\n"));
  put(".git/ORIG_HEAD_NOTES", `aws_access_key_id: ${K1}\naws_secret_access_key: ${secrets[0]}\n`);
  put("assets/logo.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), Buffer.from(`${K2} ${secrets[1]}`)]));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const at = (accessKeyId: string, userName: string | null, identifier: string, file: string, line: number): Finding => ({
  accessKeyId,
  known: userName !== null,
  userName,
  identifier,
  file,
  line,
});

const everything = () => [
  at(K3, "fastly-cdn-logs", "logging.s3[0].access_key", "config/fastly.json", 6),
  at(K3, "fastly-cdn-logs", "AWS_ACCESS_KEY_ID", "deploy/.env", 1),
  at(UNKNOWN2, null, "BACKUP_AWS_ACCESS_KEY_ID", "deploy/backup.sh", 2),
  at(K1, "support-staging", "deploy/backup.sh:4", "deploy/backup.sh", 4),
  at(K2, "support-production", "govuk::apps::support::aws_access_key_id", "puppet/hieradata/production.yaml", 2),
  at(K2, "support-production", "govuk::apps::support_api::aws_access_key_id", "puppet/hieradata/production.yaml", 5),
  at(K1, "support-staging", "govuk::apps::support::aws_access_key_id", "puppet/hieradata/staging.yaml", 2),
  at(K1, "support-staging", "govuk::apps::support_api::aws_access_key_id", "puppet/hieradata/staging.yaml", 4),
  at(UNKNOWN1, null, "govuk::node::s3_backup::config.credentials.key_id", "puppet/hieradata/staging.yaml", 8),
];

describe("keyrotate locations discover", () => {
  it("reports every occurrence in a folder as JSON, skipping .git and binary files", () => {
    const out = discover(dir, "--json");
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(everything());
    expect(out.stderr).toBe("skipped assets/logo.png: binary\n9 occurrences, 7 known.\n");
  });

  it("prints a table a person can read, one row per occurrence, and the summary", () => {
    const out = discover(dir);
    expect(out.status).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^access key id\s+known\s+identifier\s+where$/);
    const rows = lines.slice(1, -1).map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual(everything().map((f) => [f.accessKeyId, f.known ? `yes (${f.userName})` : "no", f.identifier, `${f.file}:${f.line}`]));
    expect(lines.at(-1)).toBe("9 occurrences, 7 known.");
    expect(out.stderr).toBe("skipped assets/logo.png: binary\n");
  });

  it("refuses --record without --system and --environment, in one line, and records nothing", async () => {
    const out = discover(dir, "--record", "--system", "govuk-secrets/puppet");
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe(
      "keyrotate: --record needs --system and --environment (where these files live), e.g. --system govuk-secrets/puppet --environment staging.\n",
    );
    expect(await listLocations()).toEqual([]);
  });

  it("records each place a known key was found once, and a second run adds nothing", async () => {
    const file = join(dir, "puppet/hieradata/staging.yaml");
    const args = [file, "--system", "govuk-secrets/puppet", "--environment", "Staging", "--record"];
    const first = discover(...args);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`${file}:8\n`);
    expect(first.stdout.trimEnd().split("\n").at(-1)).toBe("3 occurrences, 2 known, 2 new locations recorded (0 already recorded).");

    const again = discover(...args);
    expect(again.status).toBe(0);
    expect(again.stdout.trimEnd().split("\n").at(-1)).toBe("3 occurrences, 2 known, 0 new locations recorded (2 already recorded).");

    const stored = await listLocations();
    expect(stored.map(({ accessKeyId, userName, kind, system, environment, identifier, createdBy }) => ({ accessKeyId, userName, kind, system, environment, identifier, createdBy }))).toEqual([
      { accessKeyId: K1, userName: "support-staging", kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "staging", identifier: "govuk::apps::support::aws_access_key_id", createdBy: ACTOR },
      { accessKeyId: K1, userName: "support-staging", kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "staging", identifier: "govuk::apps::support_api::aws_access_key_id", createdBy: ACTOR },
    ]);
    const audits = await listAudit({ action: "location.discover" });
    expect(audits.map((a) => [a.actor, a.result, a.message])).toEqual([
      [ACTOR, "ok", "3 occurrences, 2 known, 0 new locations recorded (2 already recorded)."],
      [ACTOR, "ok", "3 occurrences, 2 known, 2 new locations recorded (0 already recorded)."],
    ]);
  });

  it("reads decrypted output piped to standard input (-), and records it for its environment", async () => {
    const shown = keyrotate(["locations", "discover", "-", "--json"], productionYaml());
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual([
      at(K2, "support-production", "govuk::apps::support::aws_access_key_id", "(stdin)", 2),
      at(K2, "support-production", "govuk::apps::support_api::aws_access_key_id", "(stdin)", 5),
    ]);

    const args = ["locations", "discover", "-", "--system", "govuk-secrets/puppet", "--environment", "production", "--record"];
    const recorded = keyrotate(args, productionYaml());
    expect(recorded.status).toBe(0);
    expect(recorded.stdout.trimEnd().split("\n").at(-1)).toBe("2 occurrences, 2 known, 2 new locations recorded (0 already recorded).");
    const production = (await listLocations()).filter((l) => l.environment === "production");
    expect(production.map((l) => [l.accessKeyId, l.userName, l.identifier])).toEqual([
      [K2, "support-production", "govuk::apps::support::aws_access_key_id"],
      [K2, "support-production", "govuk::apps::support_api::aws_access_key_id"],
    ]);
  });

  it("lets no secret value out: not in any output, location row, audit row or database file", async () => {
    // Record everything once more under another system, so `file:line` names beside secrets are stored too.
    const all = discover(dir, "--system", "govuk-secrets", "--environment", "production", "--record");
    expect(all.status).toBe(0);
    expect(all.stdout.trimEnd().split("\n").at(-1)).toBe("9 occurrences, 7 known, 7 new locations recorded (0 already recorded).");

    // The secrets were really there to leak: every one is in a file that was scanned.
    const scanned = ["puppet/hieradata/staging.yaml", "puppet/hieradata/production.yaml", "config/fastly.json", "deploy/backup.sh"]
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    for (const secret of secrets) expect(scanned).toContain(secret);
    expect(outputs.length).toBeGreaterThanOrEqual(16);

    const rows = JSON.stringify([await listLocations(), await listAudit({ limit: 10_000 }), await latestDiscoveryRuns()]);
    expect(rows).toContain(K1);
    for (const secret of secrets) {
      for (const text of outputs) expect(text).not.toContain(secret);
      expect(rows).not.toContain(secret);
    }

    const url = database.url();
    if (url.startsWith("file:")) {
      const path = url.slice("file:".length);
      const files = [path, `${path}-wal`, `${path}-journal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1"));
      expect(files.join("")).toContain(K1);
      for (const secret of secrets) for (const bytes of files) expect(bytes).not.toContain(secret);
    }
    // The name of a line that held a secret was stored: its file and line, nothing from the line.
    expect((await listLocations()).filter((l) => l.system === "govuk-secrets").map((l) => l.identifier)).toContain("deploy/backup.sh:4");
  });

  it("keeps each run given --system and --environment for the gap report, recorded or not; a run without them is not kept", async () => {
    const file = join(dir, "puppet/hieradata/staging.yaml");
    const before = (await latestDiscoveryRuns()).length;
    expect(discover(file).status).toBe(0);
    expect(await latestDiscoveryRuns()).toHaveLength(before);

    const locationsBefore = await listLocations();
    const out = discover(file, "--system", "govuk-secrets/hiera", "--environment", "Staging");
    expect(out.status).toBe(0);
    expect(out.stdout.trimEnd().split("\n").at(-1)).toBe("3 occurrences, 2 known.");
    expect(await listLocations()).toEqual(locationsBefore);
    const run = (await latestDiscoveryRuns()).find((r) => r.system === "govuk-secrets/hiera");
    expect(run).toMatchObject({ environment: "staging", source: "cli", actor: ACTOR });
    const shown = JSON.parse(discover(file, "--json").stdout) as Finding[];
    expect(run!.occurrences.map((o) => [o.accessKeyId, o.identifier, o.file, o.line, o.accountId])).toEqual(
      shown.map((f) => [f.accessKeyId, f.identifier, f.file, f.line, f.known ? "123456789012" : null]),
    );
  }, 90_000);
});
