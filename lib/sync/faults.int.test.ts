// IAM's bad days: a proxy fails 20 % of IAM calls (throttling, 500, 503, dropped connections). A sync still
// ends with exactly the inventory of a clean sync, in one run; a rotation completes, each step either done or
// stopped at a clearly shown step that a retry resumes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listKeys } from "../db/keys.ts";
import { KeyrotateError } from "../errors.ts";
import { resetIamClients } from "../iam/index.ts";
import { defaultDeps } from "../rotation/context.ts";
import { advanceRotation, beginRotation, loadRotation, type RotationCommand } from "../rotation/runner.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { startIamProxy, type IamProxy } from "../testing/iam-proxy.ts";
import { backdateKey } from "../testing/moto/process.ts";
import { seedIam } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { runSync } from "./run-sync.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "0", KEYROTATE_INACTIVE_PERIOD_SECONDS: "0" });
setupFreshDatabase();
const root = resolve(import.meta.dirname, "../..");
let proxy: IamProxy;
const figures = { faultsInjected: 0, syncs: 0, syncsExact: 0, rotationSteps: 0, stepsRetried: 0, rotationsCompleted: 0 };

beforeAll(async () => {
  proxy = await startIamProxy({ target: emulator.endpoint(), faultRate: 0.2, seed: 7 });
  process.env.AWS_ENDPOINT_URL_IAM = proxy.endpoint;
  resetIamClients();
});
afterAll(async () => {
  figures.faultsInjected = Object.values(proxy.stats().faults).reduce((a, b) => a + b, 0);
  await proxy.stop();
  resetIamClients();
  mkdirSync(join(root, ".tmp/resilience"), { recursive: true });
  writeFileSync(join(root, `.tmp/resilience/faults-${process.env.KEYROTATE_TEST_PROVIDER}.json`), JSON.stringify(figures));
});

const iam = () => new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });

async function iamInventory() {
  const users = (await iam().send(new ListUsersCommand({}))).Users ?? [];
  const keys = await Promise.all(users.map(async (u) => ((await iam().send(new ListAccessKeysCommand({ UserName: u.UserName }))).AccessKeyMetadata ?? []).map((k) => `${u.UserName}/${k.AccessKeyId}/${k.Status}`)));
  return keys.flat().sort();
}

describe("at 20 % faults", () => {
  it("a sync ends with exactly the inventory of a clean sync, in one run", async () => {
    await seedIam(emulator.endpoint(), Array.from({ length: 40 }, (_, i) => ({ userName: `faulty-${i}`, keys: i % 4 ? [{ ageDays: 30 + i }] : [{ ageDays: 200, status: "Inactive" as const }, { ageDays: 5 }] })));
    for (let round = 0; round < 3; round++) {
      const [run] = await runSync("test");
      figures.syncs++;
      expect(run.status, run.error ?? "").toBe("ok");
      const stored = (await listKeys()).map((k) => `${k.userName}/${k.accessKeyId}/${k.status}`).sort();
      expect(stored).toEqual(await iamInventory());
      figures.syncsExact++;
    }
    expect(Object.values(proxy.stats().faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });

  it("a rotation completes: each step is done, or stops at a shown step that a retry resumes", async () => {
    const [seeded] = await seedIam(emulator.endpoint(), [{ userName: "faulty-rotated", keys: [{ ageDays: 100, lastUsed: { daysAgo: 2, service: "s3", region: "eu-west-2" } }] }]);
    const admin = { name: "Ada Admin", role: "admin" as const, subject: "oidc:ada" };
    const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
    const { rotation } = await retrying(() => beginRotation({ accountId: "123456789012", userName: "faulty-rotated", actor: admin }, deps));
    const run = async (type: RotationCommand["type"]) => {
      figures.rotationSteps++;
      const before = await loadRotation(rotation.id);
      const out = await retrying(async () => {
        const now = await loadRotation(rotation.id);
        // A retry after a step that did reach IAM finds the rotation already moved on: nothing to repeat.
        if (now.version !== before.version) return now;
        const command = (type === "confirm-locations" ? { type, acknowledgeNoLocations: true } : { type }) as RotationCommand;
        return (await advanceRotation({ rotation: now, command, actor: admin }, deps)).rotation;
      });
      return out;
    };
    await run("confirm-locations");
    await run("create-key");
    await run("finish-distribution");
    const newKey = (await loadRotation(rotation.id)).newKeyId!;
    await backdateKey(emulator.endpoint(), { accessKeyId: newKey, lastUsed: { date: new Date(), service: "s3", region: "eu-west-2" } });
    for (const type of ["cutover-confirmed", "send-notification", "deactivate-old", "delete-old"] as const) await run(type);
    expect((await loadRotation(rotation.id)).step).toBe("done");
    const left = ((await iam().send(new ListAccessKeysCommand({ UserName: "faulty-rotated" }))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId);
    expect(left).toEqual([newKey]);
    expect(left).not.toContain(seeded.accessKeyId);
    figures.rotationsCompleted++;
  });
});

/** Retries what failed with a clear message (a KeyrotateError a person would see); anything else fails the test. */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof KeyrotateError) || attempt >= 10) throw error;
      expect(error.userMessage.length).toBeGreaterThan(10);
      figures.stepsRetried++;
    }
  }
}
