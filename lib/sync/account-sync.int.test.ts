// A sync reads only what changed: counted by a proxy between keyrotate and the emulator's IAM.
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveUserKeys } from "../db/inventory.ts";
import { listKeysOfUser } from "../db/keys.ts";
import { resetIamClients } from "../iam/index.ts";
import { setupEmulator, useKey } from "../testing/emulator.ts";
import { startIamProxy, type IamProxy } from "../testing/iam-proxy.ts";
import { seedIam, type SeededKey } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { runSync } from "./run-sync.ts";

const emulator = setupEmulator();
setupFreshDatabase();
let proxy: IamProxy;
let seeded: SeededKey[];
const ACCOUNT = "123456789012";
const USERS = 30;

beforeAll(async () => {
  proxy = await startIamProxy({ target: emulator.endpoint() });
  process.env.AWS_ENDPOINT_URL_IAM = proxy.endpoint; // STS still goes straight to the emulator
  resetIamClients();
  seeded = await seedIam(
    emulator.endpoint(),
    Array.from({ length: USERS }, (_, i) => ({
      userName: `app-${String(i).padStart(2, "0")}`,
      keys: i % 5 === 0 ? [{ ageDays: 200, lastUsed: { daysAgo: 3, service: "s3", region: "eu-west-2" } }, { ageDays: 10 }] : [{ ageDays: 50 + i, lastUsed: i % 2 ? { daysAgo: 1, service: "sts", region: "eu-west-1" } : null }],
    })),
  );
});
afterAll(async () => {
  resetIamClients();
  await proxy.stop();
});

const iam = () => new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });

async function counted() {
  proxy.resetStats();
  const [run] = await runSync("test");
  expect(run.status).toBe("ok");
  return { run, calls: proxy.stats().requests, byAction: proxy.stats().byAction };
}

describe("a sync that reads only what changed", () => {
  it("reads everything once, then a re-sync with nothing changed makes 2 + ⌈users / 1,000⌉ IAM calls", async () => {
    const first = await counted();
    expect(first.run).toMatchObject({ usersSeen: USERS, keysSeen: 36, keysAdded: 36 });
    const again = await counted();
    expect(again.byAction).toEqual({ GenerateCredentialReport: 1, GetCredentialReport: 1, ListUsers: 1 });
    expect(again.calls).toBe(2 + Math.ceil(USERS / 1000));
    expect(again.run.iamCalls).toBe(3);
    expect(again.run).toMatchObject({ usersSeen: USERS, keysSeen: 36, keysAdded: 0, keysDeleted: 0 });
  });

  it("a key used since: one more call, and its new last use is stored", async () => {
    const key = seeded.find((k) => k.userName === "app-02")!;
    await useKey(emulator.endpoint(), key.accessKeyId, key.secretAccessKey);
    const after = await counted();
    expect(after.byAction).toEqual({ GenerateCredentialReport: 1, GetCredentialReport: 1, ListUsers: 1, GetAccessKeyLastUsed: 1 });
    const [stored] = await listKeysOfUser(ACCOUNT, "app-02");
    expect(stored.lastUsedService).toBe("sts");
    expect(Date.now() - stored.lastUsedDate!.getTime()).toBeLessThan(60_000);
  });

  it("a key created and another deleted outside keyrotate: at most 3 more calls each, and both are noticed", async () => {
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: "app-03" }));
    const created = await counted();
    expect(created.calls).toBeLessThanOrEqual(3 + 3);
    expect(created.run).toMatchObject({ keysAdded: 1, keysDeleted: 0 });
    expect((await listKeysOfUser(ACCOUNT, "app-03")).map((k) => k.accessKeyId)).toContain(AccessKey!.AccessKeyId);

    const gone = seeded.find((k) => k.userName === "app-04")!;
    await iam().send(new DeleteAccessKeyCommand({ UserName: "app-04", AccessKeyId: gone.accessKeyId }));
    const deleted = await counted();
    expect(deleted.calls).toBeLessThanOrEqual(3 + 3);
    expect(deleted.run).toMatchObject({ keysAdded: 0, keysDeleted: 1 });
    expect(await listKeysOfUser(ACCOUNT, "app-04")).toEqual([]);
  });

  it("never marks deleted, nor overwrites, a key written after the sync started (a rotation's new key)", async () => {
    const [before] = await listKeysOfUser(ACCOUNT, "app-06");
    const syncStarted = new Date(Date.now() - 5_000);
    // A rotation created a key and stored it just now; the sync's older read of IAM does not list it.
    const rotationKey = { accessKeyId: "AKIAROTATION00000001", userName: "app-06", status: "Active" as const, createDate: new Date(), lastUsed: { lastUsedDate: null, service: null, region: null } };
    const user = { userName: "app-06", userId: "x", arn: "arn:aws:iam::123456789012:user/app-06", path: "/", createDate: new Date(), tags: null };
    await saveUserKeys(ACCOUNT, { ...user, keys: [{ ...rotationKey }, { ...rotationKey, accessKeyId: before.accessKeyId, createDate: before.createDate }] }, new Date());
    const stale = { ...user, keys: [{ accessKeyId: before.accessKeyId, userName: "app-06", status: "Inactive" as const, createDate: before.createDate, lastUsed: { lastUsedDate: null, service: null, region: null } }] };
    const saved = await saveUserKeys(ACCOUNT, stale, new Date(), undefined, { startedAt: syncStarted });
    expect(saved.deleted).toBe(0);
    const now = await listKeysOfUser(ACCOUNT, "app-06");
    expect(now.map((k) => k.accessKeyId).sort()).toEqual([before.accessKeyId, "AKIAROTATION00000001"].sort());
    expect(now.find((k) => k.accessKeyId === before.accessKeyId)!.status).toBe("Active");
  });

  it("reads a new user's owner tag, and still syncs when the role may not read tags (owners need them, the scope does not)", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "tagged-new", tags: { owner: "payments" }, keys: [{ ageDays: 5 }] }]);
    const tagged = await counted();
    expect(tagged.byAction.ListUserTags).toBeGreaterThan(0);
    expect((await listKeysOfUser(ACCOUNT, "tagged-new"))[0].userTags).toEqual([{ key: "owner", value: "payments" }]);

    proxy.configure({ denied: ["ListUserTags"] });
    try {
      await seedIam(emulator.endpoint(), [{ userName: "untagged-new", tags: { owner: "search" }, keys: [{ ageDays: 5 }] }]);
      const denied = await counted();
      expect(denied.run).toMatchObject({ keysAdded: 1 });
      expect(denied.byAction.ListUserTags).toBeGreaterThan(0); // asked, refused, and the sync went on
      expect((await listKeysOfUser(ACCOUNT, "untagged-new"))[0].userTags).toBeNull();
    } finally {
      proxy.configure({ denied: [] });
    }
  });
});
