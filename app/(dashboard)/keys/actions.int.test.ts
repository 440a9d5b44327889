// What one click costs: the IAM calls and database reads of the key and rotation actions, counted by a
// proxy between keyrotate and the emulator. IAM throttles per account; every call here is one the
// account's CI and Terraform cannot make.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findKey } from "@/lib/db/keys.ts";
import { getRotation } from "@/lib/db/rotations.ts";
import { resetIamClients } from "@/lib/iam/index.ts";
import { beginRotation } from "@/lib/rotation/runner.ts";
import { runSync } from "@/lib/sync/run-sync.ts";
import { setupEmulator } from "@/lib/testing/emulator.ts";
import { startIamProxy, type IamProxy } from "@/lib/testing/iam-proxy.ts";
import { seedIam } from "@/lib/testing/moto/seed.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { advanceRotationAction } from "../rotations/actions.ts";
import { deactivateKeyAction } from "./actions.ts";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Ada Admin", subject: "oidc:ada", role: "admin" }) }));
vi.mock("@/lib/notify/webhook.ts", async (original) => ({
  ...(await original<typeof import("@/lib/notify/webhook.ts")>()),
  postKeyNotice: async () => ({ ok: true }),
}));
// Spies that still read the database: the count of reads is what is asserted.
vi.mock("@/lib/db/keys.ts", async (original) => {
  const real = await original<typeof import("@/lib/db/keys.ts")>();
  return { ...real, findKey: vi.fn(real.findKey), listKeysOfUser: vi.fn(real.listKeysOfUser), listKeys: vi.fn(real.listKeys) };
});
vi.mock("@/lib/db/rotations.ts", async (original) => {
  const real = await original<typeof import("@/lib/db/rotations.ts")>();
  return { ...real, getRotation: vi.fn(real.getRotation) };
});

const emulator = setupEmulator();
setupFreshDatabase();
let proxy: IamProxy;

beforeAll(async () => {
  proxy = await startIamProxy({ target: emulator.endpoint() });
  process.env.AWS_ENDPOINT_URL_IAM = proxy.endpoint;
  process.env.AWS_ENDPOINT_URL_STS = proxy.endpoint;
  resetIamClients();
});
afterAll(async () => {
  resetIamClients();
  await proxy.stop();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("what one click costs", () => {
  it("one Deactivate makes 9 IAM calls (GetUser, ListAccessKeys, 2 GetAccessKeyLastUsed; ListAccessKeys again right before; UpdateAccessKey; ListAccessKeys, 2 GetAccessKeyLastUsed), no STS call, and reads the key row once", async () => {
    // The old key has been quiet for 3 days and the new one is in use: the guard lets it through.
    const [old] = await seedIam(emulator.endpoint(), [
      {
        userName: "counted",
        keys: [
          { ageDays: 120, lastUsed: { daysAgo: 3, service: "s3", region: "eu-west-2" } },
          { ageDays: 5, lastUsed: { daysAgo: 0, service: "s3", region: "eu-west-2" } },
        ],
      },
    ]);
    await runSync("test"); // the first action of the process asks STS who keyrotate is; later ones don't
    proxy.resetStats();
    vi.mocked(findKey).mockClear();

    const state = await deactivateKeyAction(undefined, form({ accessKeyId: old.accessKeyId }));

    expect(state).toMatchObject({ ok: true, message: expect.stringMatching(/now Inactive/) });
    expect(proxy.stats().byAction).toEqual({ GetUser: 1, ListAccessKeys: 3, GetAccessKeyLastUsed: 4, UpdateAccessKey: 1 });
    expect(proxy.stats().requests).toBe(9);
    expect(findKey).toHaveBeenCalledTimes(1);
    const { listKeys, listKeysOfUser } = await import("@/lib/db/keys.ts");
    expect(listKeys).not.toHaveBeenCalled();
    expect(listKeysOfUser).not.toHaveBeenCalled();
  });

  it("a rotation step that changes nothing in IAM reads the rotation once and the user once (3 IAM calls)", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "never-used", keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: "123456789012", userName: "never-used", actor: { name: "rita", role: "rotator" } });
    expect(rotation.step).toBe("retire");
    proxy.resetStats();
    vi.mocked(getRotation).mockClear();

    const state = await advanceRotationAction(undefined, form({ rotationId: rotation.id, version: String(rotation.version), type: "send-notification" }));

    expect(state).toMatchObject({ ok: true, result: { step: "retire", secret: null } });
    expect(proxy.stats().byAction).toEqual({ GetUser: 1, ListAccessKeys: 1, GetAccessKeyLastUsed: 1 });
    expect(getRotation).toHaveBeenCalledTimes(1);
  });
});
