// Hands-free distribution end to end against the emulator (IAM, Secrets Manager, SSM) and a real database.
import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { useKey } from "../testing/emulator.ts";
import { ACCOUNT, QUIET_S, alice, setupRunnerWorld } from "../testing/runner-world.ts";
import { runSync } from "../sync/run-sync.ts";
import { addLocationToKey } from "../locations/registry.ts";
import { listLocations } from "../db/locations.ts";
import { listAudit } from "../db/audit.ts";
import { db } from "../db/client.ts";
import { defaultDeps, type RotationDeps } from "../rotation/context.ts";
import { advanceRotation, beginRotation, loadRotation, retryStoreWrite, type RotationCommand } from "../rotation/runner.ts";

const emulator = setupRunnerWorld();
const REGION = "eu-west-2";

let offsetMs = 0;
const deps: RotationDeps = { ...defaultDeps, now: () => new Date(Date.now() + offsetMs), notify: async () => ({ ok: true }) };

const aws = () => ({ endpoint: emulator.endpoint(), region: REGION, credentials: { accessKeyId: "t", secretAccessKey: "t" } });
const sm = () => new SecretsManagerClient(aws());
const ssm = () => new SSMClient(aws());

// moto keeps serving the old default version after a stage move when no stage is asked for: ask by stage, as apps should.
async function secretAt(name: string, stage: "AWSCURRENT" | "AWSPREVIOUS") {
  const out = await sm().send(new GetSecretValueCommand({ SecretId: name, VersionStage: stage }));
  return JSON.parse(out.SecretString!) as Record<string, string>;
}
async function parameter(name: string) {
  return (await ssm().send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter!;
}

async function step(rotationId: string, command: RotationCommand) {
  return advanceRotation({ rotation: await loadRotation(rotationId), command, actor: alice }, deps);
}

/** A user with a used key, its key stored in one secret and one SSM pair, and one place a person updates. */
async function setUp(userName: string) {
  const [old] = await seedIam(emulator.endpoint(), [{ userName, keys: [{ ageDays: 120, lastUsed: { daysAgo: 1, service: "s3", region: REGION } }] }]);
  await runSync("test");
  const secretName = `${userName}/aws`;
  await sm().send(
    new CreateSecretCommand({
      Name: secretName,
      SecretString: JSON.stringify({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey, DATABASE_URL: "postgres://db/app" }),
    }),
  );
  await ssm().send(new PutParameterCommand({ Name: `/${userName}/key-id`, Value: old.accessKeyId, Type: "String" }));
  await ssm().send(new PutParameterCommand({ Name: `/${userName}/secret`, Value: old.secretAccessKey, Type: "SecureString", KeyId: "alias/app" }));
  const base = { environment: "production", notes: null };
  const sml = await addLocationToKey(old.accessKeyId, { ...base, kind: "aws-secrets-manager", system: "api", identifier: secretName, store: { accountId: null, region: REGION, idField: "AWS_ACCESS_KEY_ID", secretField: "AWS_SECRET_ACCESS_KEY" } }, "alice");
  const ssml = await addLocationToKey(old.accessKeyId, { ...base, kind: "aws-ssm-parameter", system: "worker", identifier: `/${userName}/key-id`, store: { accountId: null, region: REGION, secretParameter: `/${userName}/secret` } }, "alice");
  const manual = await addLocationToKey(old.accessKeyId, { ...base, kind: "third-party", system: "Fastly", identifier: "logging endpoint" }, "alice");
  return { old, secretName, sml, ssml, manual };
}

async function everythingStored(): Promise<string> {
  const [rotations, updates, audit, locations] = await Promise.all([
    db().rotation.findMany(),
    db().rotationLocationUpdate.findMany(),
    db().auditEvent.findMany(),
    db().location.findMany(),
  ]);
  return JSON.stringify({ rotations, updates, audit, locations });
}

describe("hands-free distribution", () => {
  it("writes the new key into Secrets Manager and SSM, waits for the manual tick, and rolls the stores back", async () => {
    const { old, secretName, sml, ssml, manual } = await setUp("billing-api");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "billing-api", actor: alice }, deps);
    const id = rotation.id;
    await step(id, { type: "confirm-locations" });

    const created = await step(id, { type: "create-key" });
    expect(created.rotation.step).toBe("distribute");
    // The manual location needs a person: the secret is shown once.
    const secret = created.secret!;
    expect(secret.secretAccessKey).toMatch(/.{20,}/);
    expect(created.stores).toHaveLength(2);
    expect(created.stores).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ locationId: sml.id, ok: true }),
        expect.objectContaining({ locationId: ssml.id, ok: true, versionId: "2/2" }),
      ]),
    );

    // Secrets Manager: a new current version with the new key and the other fields kept; the old one is AWSPREVIOUS.
    expect(await secretAt(secretName, "AWSCURRENT")).toEqual({ AWS_ACCESS_KEY_ID: secret.accessKeyId, AWS_SECRET_ACCESS_KEY: secret.secretAccessKey, DATABASE_URL: "postgres://db/app" });
    expect(await secretAt(secretName, "AWSPREVIOUS")).toEqual({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey, DATABASE_URL: "postgres://db/app" });
    // SSM: a new version of each parameter; the secret still a SecureString.
    expect((await parameter("/billing-api/key-id")).Value).toBe(secret.accessKeyId);
    const storedSecret = await parameter("/billing-api/secret");
    expect([storedSecret.Value, storedSecret.Type, storedSecret.Version]).toEqual([secret.secretAccessKey, "SecureString", 2]);

    // Both stores ticked with their version; the manual location waits for a person.
    const distributing = await loadRotation(id);
    if (distributing.state.step !== "distribute") throw new Error("not distributing");
    const item = (locationId: string) => distributing.state.step === "distribute" && distributing.state.checklist.find((i) => i.locationId === locationId)!;
    expect(item(sml.id)).toMatchObject({ written: { versionId: expect.any(String) }, updatedAt: expect.any(Date) });
    expect(item(ssml.id)).toMatchObject({ written: { versionId: "2/2" } });
    expect(item(manual.id)).toMatchObject({ updatedAt: null });
    await expect(step(id, { type: "finish-distribution" })).rejects.toThrow(/1 of 3/);
    await step(id, { type: "mark-location-updated", locationId: manual.id, note: "pasted into Fastly" });
    expect((await step(id, { type: "finish-distribution" })).rotation.step).toBe("verify-cutover");
    expect((await listLocations({ accessKeyId: secret.accessKeyId })).map((l) => l.id).sort()).toEqual([sml.id, ssml.id, manual.id].sort());

    // The cut-over check is unchanged: new key used, old key quiet.
    await useKey(emulator.endpoint(), secret.accessKeyId, secret.secretAccessKey);
    offsetMs += (QUIET_S + 1) * 1000;
    expect((await step(id, { type: "cutover-confirmed" })).rotation.step).toBe("retire");
    await step(id, { type: "send-notification" });
    expect((await step(id, { type: "deactivate-old" })).rotation.step).toBe("old-inactive");

    // Rollback: the old key is Active again, and each store gets its previous version back, audited.
    const rolledBack = await step(id, { type: "reactivate-old", restoreStores: true });
    expect(rolledBack.rotation.step).toBe("verify-cutover");
    expect(rolledBack.stores?.map((s) => [s.locationId, s.ok]).sort()).toEqual([[sml.id, true], [ssml.id, true]].sort());
    expect(await secretAt(secretName, "AWSCURRENT")).toMatchObject({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey });
    expect((await parameter("/billing-api/key-id")).Value).toBe(old.accessKeyId);
    expect((await parameter("/billing-api/secret")).Value).toBe(old.secretAccessKey);
    const audit = await listAudit({ limit: 100 });
    const actions = audit.map((a) => `${a.action} ${a.result}`);
    expect(actions.filter((a) => a === "rotation.store-write ok")).toHaveLength(2);
    expect(actions.filter((a) => a === "rotation.store-restore ok")).toHaveLength(2);

    // Never stored: the new secret is in no table (only version ids are).
    expect(await everythingStored()).not.toContain(secret.secretAccessKey);
  }, 120_000);

  it("leaves a refused write unticked with the reason, changes nothing else, and writes on retry", async () => {
    const { old, secretName, sml, ssml } = await setUp("orders-api");
    // The secret disappears after it was recorded: the write is refused.
    await sm().send(new DeleteSecretCommand({ SecretId: secretName, ForceDeleteWithoutRecovery: true }));
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "orders-api", actor: alice }, deps);
    await step(rotation.id, { type: "confirm-locations" });
    const created = await step(rotation.id, { type: "create-key" });
    const failed = created.stores!.find((s) => s.locationId === sml.id)!;
    expect(failed).toMatchObject({ ok: false, reason: expect.stringMatching(/orders-api\/aws does not exist in eu-west-2/) });
    expect(created.stores!.find((s) => s.locationId === ssml.id)).toMatchObject({ ok: true });
    expect(created.secret?.accessKeyId).toMatch(/^AKIA/);

    const after = await loadRotation(rotation.id);
    if (after.state.step !== "distribute") throw new Error("not distributing");
    const item = after.state.checklist.find((i) => i.locationId === sml.id)!;
    expect(item).toMatchObject({ updatedAt: null, writeFailed: { reason: failed.ok ? "" : failed.reason } });
    expect(item.written).toBeUndefined();
    const audit = await listAudit({ limit: 100 });
    expect(audit.find((a) => a.action === "rotation.store-write" && a.result === "error")?.message).toMatch(/does not exist/);

    // Retry once the secret is back, with the copy the person was shown.
    await sm().send(new CreateSecretCommand({ Name: secretName, SecretString: JSON.stringify({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey }) }));
    const retried = await retryStoreWrite({ rotation: after, locationId: sml.id, secretAccessKey: created.secret!.secretAccessKey, actor: alice }, deps);
    expect(retried.stores).toEqual([expect.objectContaining({ locationId: sml.id, ok: true })]);
    expect(await secretAt(secretName, "AWSCURRENT")).toMatchObject({ AWS_ACCESS_KEY_ID: created.secret!.accessKeyId });
    await expect(retryStoreWrite({ rotation: retried.rotation, locationId: sml.id, secretAccessKey: "x", actor: alice }, deps)).rejects.toThrow(/already wrote/);
  }, 60_000);

  it("refuses to record a store keyrotate cannot find, saying so, and records nothing", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "reports", keys: [{ ageDays: 10, lastUsed: { daysAgo: 1, service: "s3", region: REGION } }] }]);
    await runSync("test");
    const input = { kind: "aws-secrets-manager" as const, system: "reports", environment: "production", identifier: "no/such/secret", notes: null, store: { accountId: null, region: REGION } };
    await expect(addLocationToKey(key.accessKeyId, input, "alice")).rejects.toThrow(/no\/such\/secret does not exist in eu-west-2/);
    await expect(
      addLocationToKey(key.accessKeyId, { ...input, kind: "aws-ssm-parameter", identifier: "/reports/id", store: { accountId: null, region: REGION, secretParameter: "/reports/secret" } }, "alice"),
    ).rejects.toThrow(/\/reports\/id and \/reports\/secret does not exist/);
    expect(await listLocations({ accessKeyId: key.accessKeyId })).toEqual([]);
  });

  it("writes nothing it was not asked to: a rotation with only a store withholds the secret", async () => {
    const [old] = await seedIam(emulator.endpoint(), [{ userName: "solo", keys: [{ ageDays: 50, lastUsed: { daysAgo: 1, service: "s3", region: REGION } }] }]);
    await runSync("test");
    await sm().send(new CreateSecretCommand({ Name: "solo/aws", SecretString: JSON.stringify({ id: old.accessKeyId, key: old.secretAccessKey }) }));
    await addLocationToKey(old.accessKeyId, { kind: "aws-secrets-manager", system: "solo", environment: "production", identifier: "solo/aws", notes: null, store: { accountId: null, region: REGION, idField: "id", secretField: "key" } }, "alice");
    const { rotation } = await beginRotation({ accountId: ACCOUNT, userName: "solo", actor: alice }, deps);
    await step(rotation.id, { type: "confirm-locations" });
    const created = await step(rotation.id, { type: "create-key" });
    expect(created.secret).toBeUndefined();
    expect(created.notice).toMatch(/not shown/);
    const now = await secretAt("solo/aws", "AWSCURRENT");
    expect(Object.keys(now).sort()).toEqual(["id", "key"]);
    expect(now.id).not.toBe(old.accessKeyId);
    expect(await everythingStored()).not.toContain(now.key);
  });
});
