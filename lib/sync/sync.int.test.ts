// Sync and the CLI against the emulator and a real database: what `keyrotate keys --json` prints
// is what IAM holds, with the right ages, last use and flags.
import { spawnSync } from "node:child_process";
import { DeleteAccessKeyCommand, IAMClient } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { lastSuccessfulSync } from "../db/sync-runs.ts";
import { listAudit } from "../db/audit.ts";
import type { KeyRow } from "../inventory/key-rows.ts";
import { runSync } from "./run-sync.ts";

const emulator = setupEmulator();
const database = setupFreshDatabase();

function cli(...args: string[]) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], { env: { ...process.env, DATABASE_URL: database.url() }, encoding: "utf8" });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });

describe("sync", () => {
  it("copies every user and key, with ages, last use and flags, and records the run", async () => {
    const seeded = await seedIam(emulator.endpoint(), [
      { userName: "overdue-app", keys: [{ ageDays: 200, lastUsed: used(1) }] },
      { userName: "due-soon-app", keys: [{ ageDays: 80, lastUsed: used(2) }] },
      { userName: "mid-rotation", keys: [{ ageDays: 120, lastUsed: used(3) }, { ageDays: 2, lastUsed: used(0) }] },
      { userName: "never-used", keys: [{ ageDays: 30 }] },
      { userName: "inactive", keys: [{ ageDays: 40, status: "Inactive", lastUsed: used(35) }] },
      { userName: "stale", keys: [{ ageDays: 100, lastUsed: used(95) }] },
    ]);
    const [run] = await runSync("test");
    expect(run).toMatchObject({ status: "ok", usersSeen: 6, keysSeen: 7, keysAdded: 7, keysDeleted: 0, accountId: "123456789012" });

    const out = cli("keys", "--json");
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout) as KeyRow[];
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ["accountId", "accountName", "userName", "accessKeyId", "status", "createDate", "ageDays", "lastUsedDate", "lastUsedService", "lastUsedRegion", "flags", "exemptions", "owner", "ownerContact"].sort(),
    );
    const byUser = (name: string) => rows.filter((r) => r.userName === name);
    // Last use comes from the credential report; the emulator's report (unlike AWS's) names no service or
    // region, so a first sync asks IAM for a used key's: on-call reads "s3 · eu-west-2" to know what it is for.
    expect(byUser("overdue-app")[0]).toMatchObject({ ageDays: 200, status: "Active", lastUsedService: "s3", lastUsedRegion: "eu-west-2", flags: ["overdue", "no-locations"] });
    expect(new Date(byUser("overdue-app")[0].lastUsedDate!).getTime()).toBeCloseTo(Date.now() - 86_400_000, -5);
    expect(byUser("due-soon-app")[0].flags).toEqual(["due-soon", "no-locations"]);
    expect(byUser("mid-rotation").map((r) => r.flags)).toEqual([
      ["overdue", "two-keys", "no-locations"],
      ["two-keys", "no-locations"],
    ]);
    expect(byUser("never-used")[0]).toMatchObject({ lastUsedDate: null, lastUsedService: null, lastUsedRegion: null, flags: ["never-used"] });
    expect(byUser("inactive")[0]).toMatchObject({ status: "Inactive", flags: ["inactive"] });
    expect(byUser("stale")[0].flags).toEqual(["overdue", "stale", "no-locations"]);
    expect(new Date(byUser("stale")[0].lastUsedDate!).getTime()).toBeCloseTo(Date.now() - 95 * 86_400_000, -5);
    expect(rows[0].ageDays).toBeGreaterThanOrEqual(rows[rows.length - 1].ageDays);

    const flagged = JSON.parse(cli("keys", "--json", "--flag", "two-keys").stdout) as KeyRow[];
    expect(flagged.map((r) => r.userName)).toEqual(["mid-rotation", "mid-rotation"]);
    expect(seeded).toHaveLength(7);
  });

  it("marks a key that vanished from IAM as deleted and says so", async () => {
    const iam = new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
    const rows = JSON.parse(cli("keys", "--json").stdout) as KeyRow[];
    const gone = rows.find((r) => r.userName === "never-used")!;
    await iam.send(new DeleteAccessKeyCommand({ UserName: "never-used", AccessKeyId: gone.accessKeyId }));
    const out = cli("sync");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/6 users, 6 keys \(0 new, 1 gone\)/);
    const after = JSON.parse(cli("keys", "--json").stdout) as KeyRow[];
    expect(after.map((r) => r.accessKeyId)).not.toContain(gone.accessKeyId);
    expect((await lastSuccessfulSync())?.actor).toMatch(/ via cli:arn:aws:/);
    const [audited] = await listAudit({ action: "inventory.sync" });
    expect(audited).toMatchObject({ actor: expect.stringMatching(/ via cli:arn:aws:/), actorId: expect.stringMatching(/^cli:arn:aws:/), actorRole: "cli", result: "ok", accountId: "123456789012" });
  });

  it("fails clearly when IAM is unreachable", async () => {
    const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", "sync"], {
      env: { ...process.env, DATABASE_URL: database.url(), AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:1", AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1", AWS_MAX_ATTEMPTS: "1" },
      encoding: "utf8",
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/Cannot reach AWS IAM/);
  });

  it("fails clearly when the database cannot be reached", () => {
    const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", "keys"], {
      env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/Cannot use the database/);
  });
});
