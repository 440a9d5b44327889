// A sync leaves the account's compliance figures behind, one snapshot per successful sync, and they move
// when IAM does.
import { describe, expect, it } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { listComplianceSnapshots } from "../db/compliance.ts";
import { listKeyUsage } from "../db/key-usage.ts";
import { defaultDeps, readLiveUser } from "../rotation/context.ts";
import { runSync } from "./run-sync.ts";

const emulator = setupEmulator();
setupFreshDatabase();

const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });
const since = new Date(0);

describe("compliance snapshots", () => {
  it("are written at the end of each successful sync, with the account's figures", async () => {
    await seedIam(emulator.endpoint(), [
      { userName: "fresh-app", keys: [{ ageDays: 10, lastUsed: used(1) }] },
      { userName: "due-soon-app", keys: [{ ageDays: 80, lastUsed: used(2) }] },
      { userName: "never-used", keys: [{ ageDays: 30 }] },
    ]);
    const before = new Date();
    const [first] = await runSync("test");
    expect(first.status).toBe("ok");
    const one = await listComplianceSnapshots(since);
    expect(one).toEqual([{ accountId: "123456789012", takenAt: expect.any(Date), total: 3, withinPolicy: 3, overdue: 0, dueSoon: 1, neverUsed: 1 }]);
    expect(one[0].takenAt.getTime()).toBeGreaterThanOrEqual(before.getTime());

    await seedIam(emulator.endpoint(), [{ userName: "overdue-app", keys: [{ ageDays: 200, lastUsed: used(1) }] }]);
    await runSync("test");
    const two = await listComplianceSnapshots(since);
    expect(two).toHaveLength(2);
    expect(two[1]).toMatchObject({ total: 4, withinPolicy: 3, overdue: 1, dueSoon: 1, neverUsed: 1 });
    expect(two[1].takenAt.getTime()).toBeGreaterThan(two[0].takenAt.getTime());
  });
});

describe("key usage samples", () => {
  it("are taken at each live read of a user, as a rotation's poll does", async () => {
    const [key] = await seedIam(emulator.endpoint(), [{ userName: "rotating-app", keys: [{ ageDays: 100, lastUsed: used(2) }] }]);
    const from = new Date();
    await readLiveUser(defaultDeps, "123456789012", "rotating-app");
    await readLiveUser(defaultDeps, "123456789012", "rotating-app");
    const samples = await listKeyUsage([key.accessKeyId], from, new Date());
    expect(samples).toHaveLength(1);
    expect(samples[0].lastUsedDate!.getTime()).toBeCloseTo(Date.now() - 2 * 86_400_000, -6);
  });
});
