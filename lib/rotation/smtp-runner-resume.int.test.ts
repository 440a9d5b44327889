// An SMTP user rotation interrupted between IAM's change and the saved state (keyrotate stopped, the
// network dropped) resumes from what IAM shows, against the emulator and a real database.
import { CreateUserCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { sendMailWithKey } from "../testing/ses.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { SEEDED_REMOVAL_ORDER, seedSmtpUser } from "../testing/moto/seed-smtp-user.ts";
import { ACCOUNT, alice, smtpHarness } from "../testing/smtp-rotation-harness.ts";
import { getSmtpRotation } from "../db/smtp-rotations.ts";
import { runSync } from "../sync/run-sync.ts";
import { datedUserName } from "../iam/smtp-user-names.ts";
import type { IamGateway } from "../iam/index.ts";
import type { SmtpDeps } from "./smtp-context.ts";
import { beginSmtpRotation } from "./smtp-runner.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "60", KEYROTATE_INACTIVE_PERIOD_SECONDS: "120" });
setupFreshDatabase();
const h = smtpHarness();
const stopped = () => new Error("keyrotate stopped");

/** Deps whose IAM gateway runs `createAccessKey` for real, then "dies" before keyrotate hears the answer. */
function dyingAfterCreateKey(): SmtpDeps {
  return {
    ...h.deps,
    iam: async (accountId): Promise<IamGateway> => {
      const real = await h.deps.iam(accountId);
      return { ...real, createAccessKey: async (userName) => (await real.createAccessKey(userName), Promise.reject(stopped())) };
    },
  };
}

describe("resuming an interrupted SMTP user rotation", () => {
  it("finds the half-made user, replaces a key whose secret nobody saw, and finishes a half-done removal", async () => {
    const old = await seedSmtpUser(emulator.endpoint(), { userName: "relay.20250101", prefix: "rl", client: h.client() });
    await runSync("test");
    const newUser = datedUserName("relay", h.deps.now());
    const { rotation } = await beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps);
    const id = rotation.id;
    await h.step(id, { type: "confirm-locations", acknowledgeNoLocations: true });

    // 1. CreateUser went through, then keyrotate stopped before copying the rest and saving.
    const permissions = await h.deps.userPermissions(ACCOUNT);
    const dyingCopy: SmtpDeps = {
      ...h.deps,
      userPermissions: async () => ({
        ...permissions,
        createUserLike: async (userName, like) => {
          await h.client().send(new CreateUserCommand({ UserName: userName, Path: like.path, Tags: like.tags.map((t) => ({ Key: t.key, Value: t.value })) }));
          throw stopped();
        },
      }),
    };
    await expect(h.step(id, { type: "create-user" }, dyingCopy)).rejects.toThrow("keyrotate stopped");
    expect(await getSmtpRotation(id)).toMatchObject({ step: "create-user", state: { newUserName: newUser, createRequestedAt: expect.any(Date) } });
    expect((await permissions.describeUser(newUser)).groups).toEqual([]);
    const resumed = await h.step(id, { type: "create-user" });
    expect(resumed.rotation.step).toBe("create-key");
    expect(resumed.audit).toContain(`Completed the interrupted copy ${newUser}`);
    const [was, now] = await Promise.all([permissions.describeUser(old.userName), permissions.describeUser(newUser)]);
    expect({ ...now, userName: "" }).toEqual({ ...was, userName: "" });

    // 2. CreateAccessKey went through, then keyrotate stopped: nobody saw that secret.
    await expect(h.step(id, { type: "create-key", region: "eu-west-1" }, dyingAfterCreateKey())).rejects.toThrow("keyrotate stopped");
    const [orphan] = await h.keysOf(newUser);
    expect(orphan).toBeDefined();
    const keyed = await h.step(id, { type: "create-key", region: "eu-west-1" });
    expect(keyed.audit).toContain(`Deleted never-used key ${orphan.id}`);
    expect(await h.keysOf(newUser)).toEqual([{ id: keyed.credentials!.smtpUserName, status: "Active" }]);

    // On to the removal (moto checks no signatures: the key id alone marks the key used).
    await h.step(id, { type: "finish-distribution" });
    await sendMailWithKey(emulator.endpoint(), { accessKeyId: keyed.credentials!.smtpUserName, secretAccessKey: "moto-checks-no-signature" });
    h.wait(61_000);
    await h.step(id, { type: "cutover-confirmed" });
    await h.step(id, { type: "skip-notification", reason: "test: 2nd line told by phone" });
    await h.step(id, { type: "deactivate-old" });
    h.wait(121_000);

    // 3. Three deletions went through, then keyrotate stopped.
    let heard = 0;
    const dyingRemoval: SmtpDeps = {
      ...h.deps,
      userPermissions: async () => ({
        ...permissions,
        deleteUserCompletely: (userName, opts) =>
          permissions.deleteUserCompletely(userName, {
            onStep: async (result) => {
              await opts?.onStep?.(result);
              if (++heard === 3) throw stopped();
            },
          }),
      }),
    };
    await expect(h.step(id, { type: "remove-old-user" }, dyingRemoval)).rejects.toThrow("keyrotate stopped");
    const interrupted = await getSmtpRotation(id);
    expect(interrupted?.state).toMatchObject({ step: "remove-old-user", removed: [{ step: { kind: "delete-access-key" } }, { step: { kind: "remove-from-group" } }, { step: { kind: "remove-from-group" } }] });
    expect(await h.exists(old.userName)).toBe(true);
    // Half-removed: no rollback any more, and no cancel.
    await expect(h.step(id, { type: "reactivate-old" })).rejects.toThrow(/can only be finished/);

    const done = await h.step(id, { type: "remove-old-user" });
    expect(done.rotation.step).toBe("done");
    expect(await h.exists(old.userName)).toBe(false);
    const removed = done.rotation.state.step === "done" ? done.rotation.state.removed : [];
    expect(removed.map((r) => r.step.kind)).toEqual(SEEDED_REMOVAL_ORDER);
    expect(removed.every((r) => r.outcome === "done")).toBe(true);
  });

  it("puts the step back when IAM refuses a deactivation, so the rotation never claims what IAM does not show", async () => {
    const old = await seedSmtpUser(emulator.endpoint(), { userName: "bounce.20250101", prefix: "bc", client: h.client() });
    await runSync("test");
    const { rotation } = await beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps);
    const id = rotation.id;
    await h.step(id, { type: "confirm-locations", acknowledgeNoLocations: true });
    await h.step(id, { type: "create-user" });
    const keyed = await h.step(id, { type: "create-key", region: "us-east-1" });
    await h.step(id, { type: "finish-distribution" });
    await sendMailWithKey(emulator.endpoint(), { accessKeyId: keyed.credentials!.smtpUserName, secretAccessKey: "moto-checks-no-signature" }, "us-east-1");
    h.wait(61_000);
    await h.step(id, { type: "cutover-confirmed" });
    await h.step(id, { type: "send-notification" });
    const refusing: SmtpDeps = {
      ...h.deps,
      iam: async (accountId) => ({ ...(await h.deps.iam(accountId)), setAccessKeyStatus: () => Promise.reject(new Error("ECONNRESET")) }),
    };
    await expect(h.step(id, { type: "deactivate-old" }, refusing)).rejects.toThrow("ECONNRESET");
    expect((await getSmtpRotation(id))?.step).toBe("retire");
    expect(await h.keysOf(old.userName)).toEqual([{ id: old.accessKeyId, status: "Active" }]);
    expect((await h.step(id, { type: "deactivate-old" })).rotation.step).toBe("old-inactive");
  });
});
