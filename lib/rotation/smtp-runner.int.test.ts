// The SES SMTP user rotation end to end against the IAM emulator and a real database: a dated copy with
// every permission, credentials once, SES use moving it on, the old user deleted in IAM's order.
import { afterEach, describe, expect, it } from "vitest";
import { sendMailWithKey } from "../testing/ses.ts";
import { setupEmulator, useKey } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { SEEDED_REMOVAL_ORDER, seedSmtpUser } from "../testing/moto/seed-smtp-user.ts";
import { ACCOUNT, alice, smtpHarness } from "../testing/smtp-rotation-harness.ts";
import { runSync } from "../sync/run-sync.ts";
import { addLocationToKey } from "../locations/registry.ts";
import { listLocations } from "../db/locations.ts";
import { listAudit } from "../db/audit.ts";
import { findActiveRotation } from "../db/rotations.ts";
import { findStoredUser } from "../db/users.ts";
import { db } from "../db/client.ts";
import { resetEnvCache } from "../env.ts";
import { datedUserName } from "../iam/smtp-user-names.ts";
import { sesSmtpPassword } from "../iam/ses-smtp.ts";
import { beginRotation } from "./runner.ts";
import { beginSmtpRotation } from "./smtp-runner.ts";

const QUIET_S = 60;
const INACTIVE_S = 120;
const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: String(QUIET_S), KEYROTATE_INACTIVE_PERIOD_SECONDS: String(INACTIVE_S) });
setupFreshDatabase();
const h = smtpHarness();
afterEach(() => {
  delete process.env.KEYROTATE_PROTECTED_USERS;
  delete process.env.KEYROTATE_SCOPE_NAME_PATTERN;
  resetEnvCache();
});

const today = () => datedUserName("mailer", h.deps.now());

describe("rotating an SES SMTP user", () => {
  it("re-creates it with every permission, shows the password once, follows SES use, and deletes the old user", async () => {
    const boundary = await h.boundary("smtp-boundary");
    const old = await seedSmtpUser(emulator.endpoint(), { userName: "mailer.20250101", prefix: "m1", boundaryArn: boundary, client: h.client() });
    await runSync("test");
    const location = await addLocationToKey(old.accessKeyId, { kind: "app-config", system: "notify-api", environment: "production", identifier: "SMTP_USERNAME", notes: null }, "alice");

    const started = await beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps);
    const id = started.rotation.id;
    expect(started.rotation).toMatchObject({ kind: "smtp-user", step: "confirm-locations", oldKeyId: old.accessKeyId });
    expect(started.audit).toContain(`re-created as ${today()}`);
    await expect(beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps)).rejects.toMatchObject({ code: "conflict" });

    await h.step(id, { type: "confirm-locations" });
    const created = await h.step(id, { type: "create-user" });
    expect(created.rotation).toMatchObject({ step: "create-key", newUserLock: expect.any(String) });
    expect(created.audit).toContain(`Created ${today()} like ${old.userName}: path /smtp/, 2 group(s)`);

    // The copy holds every kind of permission: path, boundary, groups, managed and (decoded) inline policies, tags.
    const permissions = await h.deps.userPermissions(ACCOUNT);
    const [was, now] = await Promise.all([permissions.describeUser(old.userName), permissions.describeUser(today())]);
    expect({ ...now, userName: "" }).toEqual({ ...was, userName: "" });
    expect(now).toMatchObject({ path: "/smtp/", permissionsBoundaryArn: boundary, groups: [...old.groups].sort(), attachedPolicyArns: [...old.managedPolicyArns].sort() });
    expect(Object.fromEntries(now.inlinePolicies.map((p) => [p.name, p.document]))).toEqual(old.inlinePolicies);
    expect(Object.fromEntries(now.tags.map((t) => [t.key, t.value]))).toEqual(old.tags);

    const newIamUserId = created.rotation.newUserLock!;

    // The secret reaches nobody but the password derivation; the test captures it to sign with it.
    let secret = "";
    const keyed = await h.step(id, { type: "create-key", region: "eu-west-1" }, {
      ...h.deps,
      iam: async (accountId) => {
        const real = await h.deps.iam(accountId);
        return {
          ...real,
          createAccessKey: async (userName) => {
            const made = await real.createAccessKey(userName);
            secret = made.secretAccessKey;
            return made;
          },
        };
      },
    });
    const credentials = keyed.credentials!;
    expect(credentials).toEqual({
      iamUserName: today(),
      smtpUserName: keyed.rotation.newKeyId,
      smtpPassword: sesSmtpPassword(secret, "eu-west-1"),
      region: "eu-west-1",
      endpoint: "email-smtp.eu-west-1.amazonaws.com",
      port: 587,
    });
    expect(keyed.rotation.step).toBe("distribute");

    // The new user is locked too: no other rotation may start on it while this one runs.
    await expect(beginRotation({ accountId: ACCOUNT, userName: today(), actor: alice }, h.deps)).rejects.toThrow(/created by the SES SMTP rotation of mailer.20250101/);
    expect((await findActiveRotation(newIamUserId))?.id).toBe(id);
    expect(JSON.stringify(await db().rotation.findUnique({ where: { id } }))).not.toContain(credentials.smtpPassword);
    expect(JSON.stringify(await db().auditEvent.findMany())).not.toContain(credentials.smtpPassword);

    await h.step(id, { type: "mark-location-updated", locationId: location.id, note: "notify-api secret updated" });
    expect((await h.step(id, { type: "finish-distribution" })).rotation.step).toBe("verify-cutover");
    expect((await listLocations({ iamUserId: newIamUserId })).map((l) => [l.id, l.accessKeyId])).toEqual([[location.id, credentials.smtpUserName]]);

    const newKey = { accessKeyId: credentials.smtpUserName, secretAccessKey: secret };
    await expect(h.step(id, { type: "cutover-confirmed" })).rejects.toThrow(/no use yet/);
    await useKey(emulator.endpoint(), newKey.accessKeyId, newKey.secretAccessKey);
    await expect(h.step(id, { type: "cutover-confirmed" })).rejects.toThrow(/"sts", not SES/);
    await sendMailWithKey(emulator.endpoint(), newKey);
    await expect(h.step(id, { type: "cutover-confirmed" })).rejects.toThrow(/quiet only/);
    h.wait((QUIET_S + 1) * 1000);
    expect((await h.step(id, { type: "cutover-confirmed" })).rotation.step).toBe("retire");

    await expect(h.step(id, { type: "deactivate-old" })).rejects.toThrow(/2nd line/);
    await h.step(id, { type: "send-notification" });
    expect((await h.step(id, { type: "deactivate-old" })).rotation.step).toBe("old-inactive");
    expect(await h.keysOf(old.userName)).toEqual([{ id: old.accessKeyId, status: "Inactive" }]);

    await expect(h.step(id, { type: "remove-old-user" })).rejects.toThrow(/Inactive for/);
    h.wait((INACTIVE_S + 1) * 1000);
    const done = await h.step(id, { type: "remove-old-user" });
    expect(done.rotation).toMatchObject({ step: "done", newUserLock: null, completedAt: expect.any(Date) });
    expect(await h.exists(old.userName)).toBe(false);
    expect(await h.keysOf(today())).toEqual([{ id: newKey.accessKeyId, status: "Active" }]);
    expect(h.notices).toEqual([`deactivate ${old.userName} ${old.accessKeyId} [production]`, `delete ${old.userName} ${old.accessKeyId} [production]`]);
    expect(await findActiveRotation(started.rotation.iamUserId)).toBeNull();
    expect(await findActiveRotation(newIamUserId)).toBeNull();
    expect(await db().iamUser.findUnique({ where: { id: started.rotation.iamUserId }, select: { deletedAt: true } })).toMatchObject({ deletedAt: expect.any(Date) });

    // Every deletion, in IAM's order, is in the audit trail under the old key.
    const removal = (await listAudit({ accessKeyId: old.accessKeyId, action: "smtp-rotation.removal." })).reverse();
    expect(removal.map((a) => a.action.replace("smtp-rotation.removal.", ""))).toEqual(SEEDED_REMOVAL_ORDER);
    expect(removal.every((a) => a.actor === "alice" && a.actorId === "oidc:alice" && a.userName === old.userName)).toBe(true);
  });
});

describe("scope", () => {
  it("refuses a user keyrotate does not manage, and one that is not an SMTP user", async () => {
    await seedSmtpUser(emulator.endpoint(), { userName: "break-glass.20250101", prefix: "bg" });
    await seedSmtpUser(emulator.endpoint(), { userName: "support-api", prefix: "api" });
    process.env.KEYROTATE_PROTECTED_USERS = "break-glass*";
    resetEnvCache();
    await expect(beginSmtpRotation({ accountId: ACCOUNT, userName: "break-glass.20250101", actor: alice }, h.deps)).rejects.toMatchObject({ code: "forbidden" });
    await expect(beginSmtpRotation({ accountId: ACCOUNT, userName: "support-api", actor: alice }, h.deps)).rejects.toThrow(/not an SES SMTP user/);
  });

  it("refuses to create a new user outside the scope, before IAM is touched", async () => {
    const old = await seedSmtpUser(emulator.endpoint(), { userName: "scoped.20250101", prefix: "sc" });
    process.env.KEYROTATE_SCOPE_NAME_PATTERN = "^scoped\\.2025";
    resetEnvCache();
    const { rotation } = await beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps);
    await h.step(rotation.id, { type: "confirm-locations", acknowledgeNoLocations: true });
    await expect(h.step(rotation.id, { type: "create-user" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await h.exists(datedUserName("scoped", h.deps.now()))).toBe(false);
    expect((await findStoredUser(rotation.iamUserId))?.userName).toBe(old.userName);
  });

  it("refuses every step once the old user is out of scope", async () => {
    const old = await seedSmtpUser(emulator.endpoint(), { userName: "moved.20250101", prefix: "mv" });
    const { rotation } = await beginSmtpRotation({ accountId: ACCOUNT, userName: old.userName, actor: alice }, h.deps);
    process.env.KEYROTATE_PROTECTED_USERS = "moved.*";
    resetEnvCache();
    await expect(h.step(rotation.id, { type: "confirm-locations", acknowledgeNoLocations: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(h.step(rotation.id, { type: "cancel", reason: "out of scope now" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
