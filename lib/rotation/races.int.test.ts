// Races: two people (or two server instances sharing the database) acting on the same thing at once.
// Exactly one wins each time, the other gets a clear message, and IAM and the database agree afterwards.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { afterAll, describe, expect, it } from "vitest";
import { listKeysOfUser } from "../db/keys.ts";
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { runSync } from "../sync/run-sync.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { seedIam } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { defaultDeps } from "./context.ts";
import { deactivateKey, deleteKey, loadKey } from "./key-actions.ts";
import { advanceRotation, beginRotation, loadRotation } from "./runner.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "0", KEYROTATE_INACTIVE_PERIOD_SECONDS: "0" });
const database = setupFreshDatabase();
const root = resolve(import.meta.dirname, "../..");
const ACCOUNT = "123456789012";
const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
const alice = { name: "Alice", role: "admin" as const, subject: "oidc:alice" };
const bob = { name: "Bob", role: "admin" as const, subject: "oidc:bob" };
const figures = { races: 0, consistent: 0 };

afterAll(() => {
  mkdirSync(join(root, ".tmp/resilience"), { recursive: true });
  writeFileSync(join(root, `.tmp/resilience/races-${process.env.KEYROTATE_TEST_PROVIDER}.json`), JSON.stringify(figures));
});

const iam = () => new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
const inIam = async (userName: string) => ((await iam().send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []).map((k) => `${k.AccessKeyId}:${k.Status}`).sort();
const inDb = async (userName: string) => (await listKeysOfUser(ACCOUNT, userName)).map((k) => `${k.accessKeyId}:${k.status}`).sort();

type Settled = { ok: boolean; message: string };
const settle = (p: Promise<{ message?: string } | unknown>): Promise<Settled> =>
  p.then(
    (v) => ({ ok: true, message: (v as { message?: string })?.message ?? "ok" }),
    (e: unknown) => {
      // A clear message is a KeyrotateError's, never the generic failure.
      expect(e, String(e)).toBeInstanceOf(KeyrotateError);
      return { ok: false, message: userMessageOf(e) };
    },
  );

async function oneWins(userName: string, outcomes: Settled[], loser: RegExp) {
  figures.races++;
  expect(outcomes.filter((o) => o.ok), JSON.stringify(outcomes)).toHaveLength(1);
  expect(outcomes.find((o) => !o.ok)!.message).toMatch(loser);
  await runSync("test"); // what the dashboard will show is what IAM holds
  expect(await inDb(userName)).toEqual(await inIam(userName));
  figures.consistent++;
}

describe("races", () => {
  it.each([1, 2, 3])("deactivate and delete of one key at once (round %i): one acts, the other is told someone else is", async (round) => {
    const user = `race-dd-${round}`;
    const [key] = await seedIam(emulator.endpoint(), [{ userName: user, keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const k = await loadKey(key.accessKeyId);
    const outcomes = await Promise.all([settle(deactivateKey({ key: k, actor: alice }, deps)), settle(deleteKey({ key: k, actor: bob }, deps))]);
    await oneWins(user, outcomes, /Someone else is changing|Never delete an Active key|became|mid-rotation/);
  });

  it.each([1, 2, 3])("two creates of the new key at once (round %i): one key is made", async (round) => {
    const user = `race-cc-${round}`;
    await seedIam(emulator.endpoint(), [{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: user, actor: alice }, deps);
    await advanceRotation({ rotation: await loadRotation(rotation.id), command: { type: "confirm-locations", acknowledgeNoLocations: true }, actor: alice }, deps);
    const loaded = await loadRotation(rotation.id);
    const outcomes = await Promise.all(
      [alice, bob].map((actor) => settle(advanceRotation({ rotation: loaded, version: loaded.version, command: { type: "create-key" }, actor }, deps))),
    );
    await oneWins(user, outcomes, /Someone else moved this rotation on|changed since you loaded/);
    expect(await inIam(user)).toHaveLength(2);
  });

  it.each([1, 2, 3])("a rotation started while a direct delete runs (round %i): one of them, never both", async (round) => {
    const user = `race-rd-${round}`;
    const [key] = await seedIam(emulator.endpoint(), [{ userName: user, keys: [{ ageDays: 30, status: "Inactive" }] }]);
    await runSync("test");
    const k = await loadKey(key.accessKeyId);
    const outcomes = await Promise.all([settle(deleteKey({ key: k, actor: alice }, deps)), settle(beginRotation({ accountId: ACCOUNT, userName: user, actor: bob }, deps))]);
    await oneWins(user, outcomes, /Someone else is changing|mid-rotation|no access keys|already in progress/);
  });

  it("two syncs at once: one runs, the other is told one is running", async () => {
    await seedIam(emulator.endpoint(), Array.from({ length: 5 }, (_, i) => ({ userName: `race-sync-${i}`, keys: [{ ageDays: 3 }] })));
    const outcomes = await Promise.all([settle(runSync("one")), settle(runSync("two"))]);
    await oneWins("race-sync-0", outcomes, /A sync of default is already running/);
  });

  it.each([1, 2])("two server processes sharing the database deactivate one key at once (round %i): one does", async (round) => {
    const user = `race-procs-${round}`;
    const [key] = await seedIam(emulator.endpoint(), [{ userName: user, keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const outcomes = await Promise.all([worker("deactivate", key.accessKeyId), worker("deactivate", key.accessKeyId)]);
    await oneWins(user, outcomes, /Someone else is changing|already Inactive|became Inactive/);
  }, 90_000); // two Node processes start (tsx compiles each) before the race itself
});

function worker(what: string, accessKeyId: string): Promise<Settled> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join(root, "lib/testing/action-worker.ts"), what, accessKeyId], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url() },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", () => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) done(JSON.parse(line));
      else fail(new Error(`worker said:\n${out}`));
    });
  });
}
