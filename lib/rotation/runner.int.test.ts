// The guided rotation end to end against the IAM emulator and a real database.
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { describe, expect, it, vi } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import type { Actor } from "../auth/roles.ts";
import { useKey } from "../testing/emulator.ts";
import { ACCOUNT, INACTIVE_S, QUIET_S, alice, setupRunnerWorld } from "../testing/runner-world.ts";
import { runSync } from "../sync/run-sync.ts";
import { addLocationToKey } from "../locations/registry.ts";
import { listLocations } from "../db/locations.ts";
import { findActiveRotation, getRotation } from "../db/rotations.ts";
import { KeyrotateError } from "../errors.ts";
import { listAudit } from "../db/audit.ts";
import { db } from "../db/client.ts";
import { defaultDeps, type RotationDeps } from "./context.ts";
import { advanceRotation, beginRotation, loadRotation, type RotationCommand } from "./runner.ts";

const emulator = setupRunnerWorld();

// The rules run on `deps.now`; moving it forward stands in for waiting out the quiet window.
let offsetMs = 0;
const notices: string[] = [];
let notifyOk = true;
const deps: RotationDeps = {
  ...defaultDeps,
  now: () => new Date(Date.now() + offsetMs),
  notify: async (n) => {
    notices.push(`${n.what} ${n.accessKeyId}`);
    return notifyOk ? { ok: true } : { ok: false, detail: "Notification failed: HTTP 500." };
  },
};

async function iamKeys(userName: string) {
  const iam = new IAMClient({ endpoint: emulator.endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const out = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
  return (out.AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId!, status: k.Status }));
}

async function step(rotationId: string, command: RotationCommand, actor: Actor = alice) {
  return advanceRotation({ rotation: await loadRotation(rotationId), command, actor }, deps);
}

describe("guided rotation", () => {
  it("rotates a used key through every step, with rollback, and refuses every shortcut", async () => {
    const [old] = await seedIam(emulator.endpoint(), [
      { userName: "support-api", keys: [{ ageDays: 120, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] },
    ]);
    await runSync("test");
    await addLocationToKey(old.accessKeyId, { kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "production", identifier: "govuk::apps::support_api::aws_access_key_id", notes: null }, "alice");

    const started = await beginRotation({ accountId: ACCOUNT, userName: "support-api", actor: alice }, deps);
    const id = started.rotation.id;
    expect(started.rotation.step).toBe("confirm-locations");
    await expect(beginRotation({ accountId: ACCOUNT, userName: "support-api", actor: alice }, deps)).rejects.toMatchObject({ code: "conflict" });

    await expect(step(id, { type: "create-key" })).rejects.toMatchObject({ code: "rule-violation" });
    expect((await step(id, { type: "confirm-locations" })).rotation.step).toBe("create-key");

    const created = await step(id, { type: "create-key" });
    expect(created.rotation.step).toBe("distribute");
    expect(created.secret?.secretAccessKey).toMatch(/.{20,}/);
    const newKey = created.secret!;
    expect((await iamKeys("support-api")).map((k) => k.id).sort()).toEqual([old.accessKeyId, newKey.accessKeyId].sort());

    const [location] = await listLocations({ accessKeyId: old.accessKeyId });
    await expect(step(id, { type: "finish-distribution" })).rejects.toThrow(/1 of 1|remain|tick/i);
    await step(id, { type: "mark-location-updated", locationId: location.id, note: "hieradata PR #42" });
    const verifying = await step(id, { type: "finish-distribution" });
    expect(verifying.rotation.step).toBe("verify-cutover");
    expect((await listLocations({ accessKeyId: newKey.accessKeyId })).map((l) => l.id)).toEqual([location.id]);

    // Not yet: the new key has not been used.
    await expect(step(id, { type: "cutover-confirmed" })).rejects.toMatchObject({ code: "rule-violation" });
    await useKey(emulator.endpoint(), newKey.accessKeyId, newKey.secretAccessKey);
    await expect(step(id, { type: "cutover-confirmed" })).rejects.toThrow(/quiet/i);
    offsetMs += (QUIET_S + 1) * 1000;
    expect((await step(id, { type: "cutover-confirmed" })).rotation.step).toBe("retire");

    await expect(step(id, { type: "deactivate-old" })).rejects.toThrow(/notif|2nd line/i);
    notifyOk = false;
    const failed = await step(id, { type: "send-notification" });
    expect(failed.notice).toMatch(/Notification failed/);
    await expect(step(id, { type: "deactivate-old" })).rejects.toMatchObject({ code: "rule-violation" });
    notifyOk = true;
    await step(id, { type: "send-notification" });
    expect(notices).toEqual([`deactivate ${old.accessKeyId}`, `deactivate ${old.accessKeyId}`]);

    expect((await step(id, { type: "deactivate-old" })).rotation.step).toBe("old-inactive");
    expect((await iamKeys("support-api")).find((k) => k.id === old.accessKeyId)?.status).toBe("Inactive");

    // Rollback, then the whole retire path again.
    expect((await step(id, { type: "reactivate-old" })).rotation.step).toBe("verify-cutover");
    expect((await iamKeys("support-api")).find((k) => k.id === old.accessKeyId)?.status).toBe("Active");
    offsetMs += (QUIET_S + 1) * 1000;
    await step(id, { type: "cutover-confirmed" });
    await step(id, { type: "send-notification" });
    await step(id, { type: "deactivate-old" });

    await expect(step(id, { type: "delete-old" })).rejects.toThrow(/Inactive for/);
    offsetMs += (INACTIVE_S + 1) * 1000;
    const done = await step(id, { type: "delete-old" });
    expect(done.rotation.step).toBe("done");
    expect(await iamKeys("support-api")).toEqual([{ id: newKey.accessKeyId, status: "Active" }]);
    expect(await findActiveRotation(done.rotation.iamUserId)).toBeNull();
  });

  it("lets two people racing on the same step create exactly one new key", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "racer", keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
    await runSync("test");
    const starts = await Promise.allSettled([
      beginRotation({ accountId: ACCOUNT, userName: "racer", actor: alice }, deps),
      beginRotation({ accountId: ACCOUNT, userName: "racer", actor: { name: "bob", role: "rotator" } }, deps),
    ]);
    expect(starts.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const rotation = (starts.find((s) => s.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof beginRotation>>>).value.rotation;
    await step(rotation.id, { type: "confirm-locations", acknowledgeNoLocations: true });
    // Both people loaded the same version of the page.
    const loaded = await loadRotation(rotation.id);
    const version = loaded.version;
    const creates = await Promise.allSettled([
      advanceRotation({ rotation: loaded, version, command: { type: "create-key" }, actor: alice }, deps),
      advanceRotation({ rotation: loaded, version, command: { type: "create-key" }, actor: { name: "bob", role: "rotator" } }, deps),
    ]);
    expect(creates.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(await iamKeys("racer")).toHaveLength(2);
  });

  it("retires a never-used key without a new one", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "never-used", keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "never-used", actor: alice }, deps);
    expect(rotation.step).toBe("retire");
    await step(rotation.id, { type: "send-notification" });
    await step(rotation.id, { type: "deactivate-old" });
    expect((await step(rotation.id, { type: "delete-old" })).rotation.step).toBe("done");
    expect(await iamKeys("never-used")).toEqual([]);
  });
});

describe("a user with two keys", () => {
  it("removes the never-used key directly, then rotates the other", async () => {
    const [usedKey, unused] = await seedIam(emulator.endpoint(), [
      { userName: "doubled", keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }, { ageDays: 20 }] },
    ]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "doubled", actor: alice }, deps);
    expect(rotation.step).toBe("resolve-two-keys");
    await expect(step(rotation.id, { type: "remove-unused-key", accessKeyId: usedKey.accessKeyId })).rejects.toMatchObject({ code: "rule-violation" });
    const next = await step(rotation.id, { type: "remove-unused-key", accessKeyId: unused.accessKeyId });
    expect(next.rotation.step).toBe("confirm-locations");
    expect(await iamKeys("doubled")).toEqual([{ id: usedKey.accessKeyId, status: "Active" }]);
  });

  it("keeps the chosen key when both are used and watches the other go quiet", async () => {
    const [old, current] = await seedIam(emulator.endpoint(), [
      { userName: "both-used", keys: [{ ageDays: 100, lastUsed: { daysAgo: 2, service: "s3", region: "eu-west-2" } }, { ageDays: 3, lastUsed: { daysAgo: 0, service: "s3", region: "eu-west-2" } }] },
    ]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "both-used", actor: alice }, deps);
    const kept = await step(rotation.id, { type: "keep-key", accessKeyId: current.accessKeyId });
    expect(kept.rotation).toMatchObject({ step: "verify-cutover", oldKeyId: old.accessKeyId, newKeyId: current.accessKeyId });
  });
});

describe("when IAM refuses a step's change", () => {
  it("leaves the rotation where it was, so it never claims what IAM does not show", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "flaky-iam", keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const failing: RotationDeps = {
      ...deps,
      iam: async (accountId) => ({
        ...(await defaultDeps.iam(accountId)),
        setAccessKeyStatus: async () => {
          throw new KeyrotateError("iam-unreachable", "Cannot reach AWS IAM (ECONNRESET).");
        },
      }),
    };
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "flaky-iam", actor: alice }, deps);
    await step(rotation.id, { type: "send-notification" });
    await expect(advanceRotation({ rotation: await loadRotation(rotation.id), command: { type: "deactivate-old" }, actor: alice }, failing)).rejects.toThrow(/Cannot reach AWS IAM/);
    const after = await getRotation(rotation.id);
    expect(after?.step).toBe("retire");
    expect((await iamKeys("flaky-iam"))[0].status).toBe("Active");
    // And it can go on once IAM answers again.
    expect((await step(rotation.id, { type: "deactivate-old" })).rotation.step).toBe("old-inactive");
  });
});

describe("once IAM has answered", () => {
  it("hands over the new secret even when the rotation loses its save to a concurrent cancel, and audits the new key", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "cancelled-mid-create", keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "cancelled-mid-create", actor: alice }, deps);
    await step(rotation.id, { type: "confirm-locations", acknowledgeNoLocations: true });
    // Bob cancels the rotation while IAM is creating Alice's key.
    const racing: RotationDeps = {
      ...deps,
      iam: async (accountId, who) => {
        const gateway = await defaultDeps.iam(accountId, who);
        return {
          ...gateway,
          createAccessKey: async (userName: string) => {
            const created = await gateway.createAccessKey(userName);
            await advanceRotation({ rotation: await loadRotation(rotation.id), command: { type: "cancel", reason: "bob changed his mind" }, actor: { name: "bob", role: "rotator" } }, deps);
            return created;
          },
        };
      },
    };
    const out = await advanceRotation({ rotation: await loadRotation(rotation.id), command: { type: "create-key" }, actor: alice }, racing);
    expect(out.secret?.secretAccessKey.length).toBeGreaterThanOrEqual(20);
    expect(out.warnings).toEqual([expect.stringMatching(/^IAM made the change, but the rotation could not record it .*Someone else moved this rotation on/)]);
    expect((await iamKeys("cancelled-mid-create")).map((k) => k.id)).toContain(out.secret!.accessKeyId);
    const [created] = await listAudit({ action: "rotation.key-created" });
    expect(created).toMatchObject({ actor: "alice", accessKeyId: out.secret!.accessKeyId, userName: "cancelled-mid-create", result: "ok" });
  });

  it("logs and audits a rollback that fails after IAM refused, instead of swallowing it", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await seedIam(emulator.endpoint(), [{ userName: "rollback-fails", keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "rollback-fails", actor: alice }, deps);
    await step(rotation.id, { type: "send-notification" });
    const loaded = await loadRotation(rotation.id);
    // IAM refuses, and by then someone else has moved the rotation on: the step cannot be put back.
    const refusing: RotationDeps = {
      ...deps,
      iam: async (accountId, who) => ({
        ...(await defaultDeps.iam(accountId, who)),
        setAccessKeyStatus: async () => {
          await db().rotation.update({ where: { id: rotation.id }, data: { version: { increment: 1 } } });
          throw new KeyrotateError("iam-unreachable", "Cannot reach AWS IAM (ECONNRESET).");
        },
      }),
    };
    await expect(advanceRotation({ rotation: loaded, command: { type: "deactivate-old" }, actor: alice }, refusing)).rejects.toThrow(/Cannot reach AWS IAM/);
    const [failed] = await listAudit({ action: "rotation.rollback-failed" });
    expect(failed).toMatchObject({ result: "error", userName: "rollback-fails", message: expect.stringMatching(/IAM refused the step .*putting the rotation back at retire failed/) });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
