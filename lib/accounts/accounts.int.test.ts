// Several accounts in the emulator, one reached by AssumeRole (moto puts an assumed role's calls into the
// role ARN's account): both accounts' keys appear with their account, and a rotation in the assumed
// account works end to end, as an admin only when the account asks for one.
import { spawnSync } from "node:child_process";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { listAudit } from "../db/audit.ts";
import { loadKeyRows } from "../inventory/dashboard.ts";
import { runSync } from "../sync/run-sync.ts";
import type { KeyRow } from "../inventory/key-rows.ts";
import { advanceRotation, beginRotation, loadRotation } from "../rotation/runner.ts";
import { defaultDeps } from "../rotation/context.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { seedIam } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "0", KEYROTATE_INACTIVE_PERIOD_SECONDS: "0" });
const database = setupFreshDatabase();

const HOME = "123456789012";
const PROD = "222233334444";
const ROLE = `arn:aws:iam::${PROD}:role/keyrotate`;

function cli(...args: string[]) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], { env: { ...process.env, DATABASE_URL: database.url() }, encoding: "utf8" });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

async function keysInProd(userName: string) {
  const sts = new STSClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "check" }))).Credentials!;
  const iam = new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
  return (await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? [];
}

describe("several accounts", () => {
  it("manages the credentials' own account as default until accounts are configured", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "home-app", keys: [{ ageDays: 10 }] }]);
    expect(cli("sync").stdout).toMatch(/^Synced default \(123456789012\): 1 users, 1 keys/m);
    const rows = JSON.parse(cli("keys", "--json").stdout) as KeyRow[];
    expect(rows).toMatchObject([{ userName: "home-app", accountId: HOME, accountName: "default" }]);
  }, 120_000);

  // Each CLI call is a process start: these tests get the time that takes on a busy machine.
  it("adds an account through a role, learns its id, and syncs both with each key's account", async () => {
    await seedIam(emulator.endpoint(), [
      { userName: "prod-app", keys: [{ ageDays: 120, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] },
      { userName: "prod-unused", keys: [{ ageDays: 30 }] },
    ], new Date(), { accountId: PROD });
    const added = cli("accounts", "add", "production", "--role-arn", ROLE, "--external-id", "kr-e2e", "--change-role", "admin");
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(`Added account production (${PROD}) through ${ROLE}; changing keys needs admin.`);
    expect(cli("accounts", "add", "production", "--role-arn", "not-an-arn").stderr).toMatch(/Role ARN must look like/);

    const listed = JSON.parse(cli("accounts", "list", "--json").stdout);
    expect(listed).toMatchObject([
      { name: "default", accountId: HOME, roleArn: null, changeRole: "rotator", removed: false },
      { name: "production", accountId: PROD, roleArn: ROLE, externalId: "kr-e2e", changeRole: "admin", removed: false },
    ]);

    const runs = await runSync("test");
    expect(runs.map((r) => [r.accountName, r.accountId, r.status, r.usersSeen, r.keysSeen])).toEqual([
      ["default", HOME, "ok", 1, 1],
      ["production", PROD, "ok", 2, 2],
    ]);
    const { rows } = await loadKeyRows();
    expect(rows.map((r) => [r.userName, r.accountId, r.accountName]).sort()).toEqual([
      ["home-app", HOME, "default"],
      ["prod-app", PROD, "production"],
      ["prod-unused", PROD, "production"],
    ]);
    expect(rows.find((r) => r.userName === "prod-app")).toMatchObject({ ageDays: 120, flags: ["overdue", "no-locations"] });
    expect(rows.find((r) => r.userName === "prod-app")!.lastUsedDate).not.toBeNull();
    const prodOnly = JSON.parse(cli("keys", "--json", "--account", "production").stdout) as KeyRow[];
    expect(prodOnly.map((r) => r.userName).sort()).toEqual(["prod-app", "prod-unused"]);
    expect(cli("sync", "--account", "production").stdout).toMatch(/^Synced production \(222233334444\): 2 users, 2 keys \(0 new, 0 gone\)/m);
  }, 120_000);

  it("rotates a key in the assumed account end to end, and only an admin may (the account asks for admin)", async () => {
    const rita = { name: "Rita Rotator", role: "rotator" as const, subject: "oidc:rita" };
    const ada = { name: "Ada Admin", role: "admin" as const, subject: "oidc:ada" };
    await expect(beginRotation({ accountId: PROD, userName: "prod-unused", actor: rita })).rejects.toThrow("Changing keys in production needs the admin role; yours is rotator.");
    const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
    const { rotation } = await beginRotation({ accountId: PROD, userName: "prod-unused", actor: ada }, deps);
    expect(rotation.step).toBe("retire");
    for (const type of ["send-notification", "deactivate-old", "delete-old"] as const) {
      await advanceRotation({ rotation: await loadRotation(rotation.id), command: { type }, actor: ada }, deps);
    }
    expect((await loadRotation(rotation.id)).step).toBe("done");
    expect(await keysInProd("prod-unused")).toEqual([]);
    expect(await keysInProd("prod-app")).toHaveLength(1);
  });

  it("removes an account but keeps its history, and stops syncing it", async () => {
    expect(cli("accounts", "remove", "production").stdout).toMatch(`Removed account production (${PROD}); its history stays.`);
    expect(JSON.parse(cli("accounts", "list", "--json").stdout)).toMatchObject([{ name: "default", removed: false }, { name: "production", removed: true }]);
    expect((await runSync("test")).map((r) => r.accountName)).toEqual(["default"]);
    expect((await loadKeyRows()).rows.some((r) => r.accountId === PROD)).toBe(true);
    expect((await listAudit({ action: "account." })).map((a) => a.action).sort()).toEqual(["account.add", "account.remove"]);
  }, 120_000);
});
