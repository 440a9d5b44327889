// Crash recovery: the process running a rotation step (or a sync) is killed with SIGKILL at each
// side-effecting IAM call; after a "restart" (reconciliation, as the server does at start), no key is left
// that no rotation or sync knows, the rotation stands at a true step and resumes, and a sync's result equals
// a clean sync's.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listKeys } from "../db/keys.ts";
import { resetIamClients } from "../iam/index.ts";
import { runSync } from "../sync/run-sync.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { startIamProxy, type IamProxy } from "../testing/iam-proxy.ts";
import { seedIam } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { defaultDeps } from "./context.ts";
import { reconcile } from "./reconcile.ts";
import { advanceRotation, beginRotation, loadRotation, type RotationCommand } from "./runner.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "0", KEYROTATE_INACTIVE_PERIOD_SECONDS: "0" });
const database = setupFreshDatabase();
const root = resolve(import.meta.dirname, "../..");
const ACCOUNT = "123456789012";
const admin = { name: "Ada Admin", role: "admin" as const, subject: "oidc:ada" };
const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
let proxy: IamProxy;
const figures = { killPoints: 0, recovered: 0 };

beforeAll(async () => {
  proxy = await startIamProxy({ target: emulator.endpoint() });
  process.env.AWS_ENDPOINT_URL_IAM = proxy.endpoint;
  resetIamClients();
});
afterAll(async () => {
  await proxy.stop();
  resetIamClients();
  mkdirSync(join(root, ".tmp/resilience"), { recursive: true });
  writeFileSync(join(root, `.tmp/resilience/crash-${process.env.KEYROTATE_TEST_PROVIDER}.json`), JSON.stringify(figures));
});

const iam = () => new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
const keysInIam = async (userName: string) => ((await iam().send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId!, status: k.Status }));

/** Runs keyrotate's code in a child process, killed with SIGKILL when the proxy sees `action` (before IAM does, or after IAM answered). */
function crashAt(args: string[], action: string, when: "before" | "after"): Promise<{ killed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join(root, "lib/testing/crash-worker.ts"), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    // Before: the process dies before its request leaves (IAM never sees it). After: IAM acted, the process never heard.
    proxy.hook({ [when]: (seen: string) => seen === action && child.kill("SIGKILL") });
    child.on("exit", (code, signal) => {
      proxy.hook({});
      if (signal === "SIGKILL") done({ killed: true });
      else if (code === 0) done({ killed: false });
      else fail(new Error(`worker failed (${code}):\n${output}`));
    });
  });
}

async function rotationAt(userName: string, commands: RotationCommand[]) {
  await seedIam(emulator.endpoint(), [{ userName, keys: [{ ageDays: 100, lastUsed: { daysAgo: 2, service: "s3", region: "eu-west-2" } }] }]);
  await runSync("test");
  const { rotation } = await beginRotation({ accountId: ACCOUNT, userName, actor: admin }, deps);
  for (const command of commands) await advanceRotation({ rotation: await loadRotation(rotation.id), command, actor: admin }, deps);
  return rotation.id;
}

const step = async (id: string) => (await loadRotation(id)).step;
const advance = async (id: string, type: RotationCommand["type"]) =>
  advanceRotation({ rotation: await loadRotation(id), command: (type === "confirm-locations" ? { type, acknowledgeNoLocations: true } : { type }) as RotationCommand, actor: admin }, deps);

describe("a rotation step killed at its IAM call", () => {
  it("right after CreateAccessKey returns: the orphan key (secret never shown) is removed, and creating again works", async () => {
    figures.killPoints++;
    const id = await rotationAt("crash-create", [{ type: "confirm-locations", acknowledgeNoLocations: true }]);
    expect(await crashAt(["advance", id, "create-key"], "CreateAccessKey", "after")).toEqual({ killed: true });
    expect(await keysInIam("crash-create")).toHaveLength(2); // IAM made the key; nobody has its secret
    const findings = await reconcile();
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(["orphan-key", "rotation-corrected"]));
    expect(await keysInIam("crash-create")).toHaveLength(1);
    expect(await step(id)).toBe("create-key");
    const resumed = await advance(id, "create-key");
    expect(resumed.rotation.step).toBe("distribute");
    expect(await keysInIam("crash-create")).toHaveLength(2);
    figures.recovered++;
  });

  it.each([
    ["UpdateAccessKey", "before", "retire", "Active"],
    ["UpdateAccessKey", "after", "old-inactive", "Inactive"],
  ] as const)("deactivating, killed %s %s IAM: the rotation stands at %s, the old key is %s", async (action, when, trueStep, status) => {
    figures.killPoints++;
    const user = `crash-deactivate-${when}`;
    const id = await rotationAt(user, []);
    // A used key: confirm, create, tick nothing (no locations), verify immediately (windows are 0 here), notify.
    for (const type of ["confirm-locations", "create-key", "finish-distribution"] as const) await advance(id, type);
    const newKey = (await loadRotation(id)).newKeyId!;
    await seedUse(user, newKey);
    for (const type of ["cutover-confirmed", "send-notification"] as const) await advance(id, type);
    expect(await crashAt(["advance", id, "deactivate-old"], action, when)).toEqual({ killed: true });
    await reconcile();
    expect(await step(id)).toBe(trueStep);
    const old = (await loadRotation(id)).oldKeyId!;
    expect((await keysInIam(user)).find((k) => k.id === old)?.status).toBe(status);
    // It resumes from there to the end.
    if (trueStep === "retire") await advance(id, "deactivate-old");
    expect((await advance(id, "delete-old")).rotation.step).toBe("done");
    expect((await keysInIam(user)).map((k) => k.id)).toEqual([newKey]);
    figures.recovered++;
  });

  it.each([["before", "old-inactive"], ["after", "done"]] as const)("deleting, killed %s DeleteAccessKey: the rotation stands at %s, with no key left behind", async (when, trueStep) => {
    figures.killPoints++;
    const user = `crash-delete-${when}`;
    const id = await rotationAt(user, []);
    for (const type of ["confirm-locations", "create-key", "finish-distribution"] as const) await advance(id, type);
    const newKey = (await loadRotation(id)).newKeyId!;
    await seedUse(user, newKey);
    for (const type of ["cutover-confirmed", "send-notification", "deactivate-old"] as const) await advance(id, type);
    expect(await crashAt(["advance", id, "delete-old"], "DeleteAccessKey", when)).toEqual({ killed: true });
    await reconcile();
    expect(await step(id)).toBe(trueStep);
    if (trueStep === "old-inactive") await advance(id, "delete-old");
    expect(await step(id)).toBe("done");
    expect((await keysInIam(user)).map((k) => k.id)).toEqual([newKey]);
    figures.recovered++;
  });
});

describe("a sync killed half-way", () => {
  it("leaves nothing that a second sync does not put right: the result equals a clean sync", async () => {
    figures.killPoints++;
    await seedIam(emulator.endpoint(), Array.from({ length: 12 }, (_, i) => ({ userName: `crash-sync-${i}`, keys: [{ ageDays: 10 + i }] })));
    // Killed once IAM has answered the report and a user's keys: the sync holds its lease and has written a run.
    expect(await crashAt(["sync"], "ListAccessKeys", "after")).toEqual({ killed: true });
    await runSync("test");
    const stored = (await listKeys()).map((k) => k.accessKeyId).sort();
    const users = (await iam().send(new ListUsersCommand({}))).Users ?? [];
    const inIam = (await Promise.all(users.map(async (u) => (await keysInIam(u.UserName!)).map((k) => k.id)))).flat().sort();
    expect(stored).toEqual(inIam);
    figures.recovered++;
  });
});

/** "The application now uses the new key": a call signed with it (its secret is not needed by moto). */
async function seedUse(userName: string, accessKeyId: string) {
  const { backdateKey } = await import("../testing/moto/process.ts");
  await backdateKey(emulator.endpoint(), { accessKeyId, lastUsed: { date: new Date(), service: "s3", region: "eu-west-2" } });
  void userName;
}
