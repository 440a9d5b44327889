// The dashboard's direct key actions against the emulator: the same guards as the rotation.
import { describe, expect, it } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { runSync } from "../sync/run-sync.ts";
import { listKeysOfUser } from "../db/keys.ts";
import type { Actor } from "../auth/roles.ts";
import { defaultDeps, type RotationDeps } from "./context.ts";
import { deactivateKey as deactivate, deleteKey as remove, loadKey, reactivateKey as reactivate } from "./key-actions.ts";
import { beginRotation } from "./runner.ts";

const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: "60", KEYROTATE_INACTIVE_PERIOD_SECONDS: "120" });
setupFreshDatabase();

const ACCOUNT = "123456789012";
const rotator: Actor = { name: "rita", role: "rotator" };
const admin: Actor = { name: "ada", role: "admin" };
let notifyOk = true;
const notices: string[] = [];
const deps: RotationDeps = {
  ...defaultDeps,
  notify: async (n) => {
    notices.push(`${n.what} ${n.accessKeyId}`);
    return notifyOk ? { ok: true } : { ok: false, detail: "Notification failed: HTTP 500." };
  },
};
// What the key actions' server actions do: read the stored key once, then act on it.
type By<F extends (...args: never[]) => unknown> = Omit<Parameters<F>[0], "key"> & { accessKeyId: string };
const deactivateKey = async ({ accessKeyId, ...rest }: By<typeof deactivate>, d: RotationDeps) => deactivate({ ...rest, key: await loadKey(accessKeyId) }, d);
const reactivateKey = async ({ accessKeyId, ...rest }: By<typeof reactivate>, d: RotationDeps) => reactivate({ ...rest, key: await loadKey(accessKeyId) }, d);
const deleteKey = async ({ accessKeyId, ...rest }: By<typeof remove>, d: RotationDeps) => remove({ ...rest, key: await loadKey(accessKeyId) }, d);
const status = async (user: string, id: string) => (await listKeysOfUser(ACCOUNT, user)).find((k) => k.accessKeyId === id)?.status;
const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });

describe("direct key actions", () => {
  it("deactivates then deletes a never-used key straight away, telling 2nd line first", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "unused", keys: [{ ageDays: 30 }] }]);
    await runSync("test");
    await expect(deleteKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).rejects.toThrow(/Never delete an Active key/);
    expect(await deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).toMatchObject({ message: expect.stringMatching(/now Inactive. 2nd line notified/) });
    expect(await status("unused", key.accessKeyId)).toBe("Inactive");
    expect(await reactivateKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).toMatchObject({ message: expect.stringMatching(/Active again/) });
    await deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps);
    expect(await deleteKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).toMatchObject({ message: expect.stringMatching(/deleted/) });
    expect(await listKeysOfUser(ACCOUNT, "unused")).toEqual([]);
    expect(notices).toEqual([`deactivate ${key.accessKeyId}`, `deactivate ${key.accessKeyId}`, `delete ${key.accessKeyId}`]);
  });

  it("refuses to deactivate a key in use with no replacement, unless an admin gives a reason", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "busy", keys: [{ ageDays: 100, lastUsed: used(1) }] }]);
    await runSync("test");
    await expect(deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).rejects.toMatchObject({ code: "rule-violation" });
    await expect(deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator, overrideReason: "incident 42: key leaked" }, deps)).rejects.toThrow(/admin/i);
    await expect(deactivateKey({ accessKeyId: key.accessKeyId, actor: admin, overrideReason: "short" }, deps)).rejects.toThrow(/reason/i);
    expect(await status("busy", key.accessKeyId)).toBe("Active");
    expect(await deactivateKey({ accessKeyId: key.accessKeyId, actor: admin, overrideReason: "incident 42: key leaked" }, deps)).toMatchObject({ message: expect.stringMatching(/Admin override: incident 42/) });
    expect(await status("busy", key.accessKeyId)).toBe("Inactive");
  });

  it("will not delete a used key before its inactive period is over", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "retiring", keys: [{ ageDays: 100, status: "Inactive", lastUsed: used(3) }] }]);
    await runSync("test");
    await expect(deleteKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).rejects.toThrow(/Inactive for/);
  });

  it("needs an explicit go-ahead when 2nd line cannot be told, and changes nothing without it", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "quiet-hook", keys: [{ ageDays: 10 }] }]);
    await runSync("test");
    notifyOk = false;
    await expect(deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator }, deps)).rejects.toMatchObject({ code: "notification-failed" });
    expect(await status("quiet-hook", key.accessKeyId)).toBe("Active");
    expect(await deactivateKey({ accessKeyId: key.accessKeyId, actor: rotator, proceedWithoutNotice: true }, deps)).toMatchObject({ message: expect.stringMatching(/WITHOUT notifying/) });
    notifyOk = true;
  });

  it("refuses any direct action on a user mid-rotation", async () => {
    const [a] = await seedIam(emulator.endpoint(), [{ userName: "pair", keys: [{ ageDays: 100, lastUsed: used(1) }, { ageDays: 2, lastUsed: used(0) }] }]);
    await runSync("test");
    await beginRotation({ accountId: ACCOUNT, userName: "pair", actor: rotator }, deps);
    await expect(deactivateKey({ accessKeyId: a.accessKeyId, actor: admin, overrideReason: "long enough reason" }, deps)).rejects.toThrow(/mid-rotation/);
  });
});
