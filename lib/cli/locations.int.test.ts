// `keyrotate locations import|export` as a person runs it: the real CLI in a child process, against
// this file's database, with STS (who the audit says acted) served by the emulator.
import { userInfo } from "node:os";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../db/audit.ts";
import { listLocations } from "../db/locations.ts";
import { parseLocationsCsv } from "../locations/csv.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";

setupEmulator();
const database = setupFreshDatabase();

const SUPPORT = "AKIASUPPORT000000001";
const FASTLY = "AKIAFASTLY0000000001";
// The AWS identity of the CLI's credentials, and the operating-system user running it.
const ACTOR = `${userInfo().username} via cli:arn:aws:sts::123456789012:user/moto`;
const HEADER = "access_key_id,user_name,kind,system,environment,identifier,notes";

let dir = "";

function keyrotate(...args: string[]) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: database.url() },
    encoding: "utf8",
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\r\n")}\r\n`);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "keyrotate-locations-"));
  await seedInventory([
    fakeUser("govuk-support", [{ id: SUPPORT }]),
    fakeUser("fastly-cdn-logs", [{ id: FASTLY }]),
    fakeUser("two-keyed", [{ id: "AKIATWOKEYS000000001" }, { id: "AKIATWOKEYS000000002", ageDays: 2 }]),
  ]);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const good = [
  HEADER,
  `${SUPPORT},,secrets-repo,govuk-secrets/puppet,production,govuk::apps::support::aws_access_key_id,`,
  `,fastly-cdn-logs,third-party,Fastly,Production,logging endpoint s3-logs,"Zoë set it up, ask her"`,
  `${FASTLY},fastly-cdn-logs,ci-variable,GitHub Actions,staging,AWS_ACCESS_KEY_ID,"'=HYPERLINK(""x"")"`,
];

const expected = [
  { accessKeyId: SUPPORT, userName: "govuk-support", kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "production", identifier: "govuk::apps::support::aws_access_key_id", notes: null },
  { accessKeyId: FASTLY, userName: "fastly-cdn-logs", kind: "third-party", system: "Fastly", environment: "production", identifier: "logging endpoint s3-logs", notes: "Zoë set it up, ask her" },
  { accessKeyId: FASTLY, userName: "fastly-cdn-logs", kind: "ci-variable", system: "GitHub Actions", environment: "staging", identifier: "AWS_ACCESS_KEY_ID", notes: `=HYPERLINK("x")` },
];

const byIdentity = (a: { identifier: string }, b: { identifier: string }) => a.identifier.localeCompare(b.identifier);

describe("keyrotate locations", () => {
  it("refuses a file with a bad line, prints each bad line, and writes nothing", async () => {
    const file = csvFile("bad.csv", [...good, `,two-keyed,other,Jenkins,production,deploy job,`, `${SUPPORT},,spreadsheet,x,production,y,`]);
    const out = keyrotate("locations", "import", file);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^line 5: user two-keyed has two keys: give access_key_id$/m);
    expect(out.stderr).toMatch(/^line 6: kind: Kind must be one of: /m);
    expect(out.stderr).toContain("2 lines have problems: nothing was imported");
    expect(out.stdout).toBe("");
    expect(await listLocations()).toEqual([]);
    // A refused import is audited too: who tried what, and why it was refused.
    expect(await listAudit({ action: "location.import" })).toMatchObject([
      { actor: ACTOR, actorRole: "cli", result: "error", message: "2 lines have problems: nothing was imported from " + file + "." },
    ]);
  });

  it("imports a good file, says what changed, and audits it under the AWS identity", async () => {
    const out = keyrotate("locations", "import", csvFile("good.csv", good));
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe("Imported 3 rows: 3 new, 0 updated, 0 unchanged.\n");
    expect(out.status).toBe(0);
    const stored = await listLocations();
    expect(stored.map(({ accessKeyId, userName, kind, system, environment, identifier, notes }) => ({ accessKeyId, userName, kind, system, environment, identifier, notes })).sort(byIdentity)).toEqual(
      [...expected].sort(byIdentity),
    );
    expect(stored.every((l) => l.createdBy === ACTOR)).toBe(true);
    const [audit, ...more] = (await listAudit({ action: "location.import" })).filter((a) => a.result === "ok");
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actor: ACTOR, result: "ok", message: "Imported 3 rows: 3 new, 0 updated, 0 unchanged." });
  });

  it("exports CSV, header first, that parses back to the same rows and re-imports unchanged", () => {
    const out = keyrotate("locations", "export");
    expect(out.status).toBe(0);
    expect(out.stdout.split("\r\n")[0]).toBe(HEADER);
    const parsed = parseLocationsCsv(out.stdout);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map(({ line: _line, ...row }) => row).sort(byIdentity)).toEqual([...expected].sort(byIdentity));

    const again = keyrotate("locations", "import", csvFile("export.csv", [out.stdout.trimEnd()]));
    expect(again.stdout).toBe("Imported 3 rows: 0 new, 0 updated, 3 unchanged.\n");
    expect(again.status).toBe(0);
  });
});
