// The in-app schedule: it syncs on its cron expression, and two instances firing at once sync each account once.
import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "../db/audit.ts";
import { db } from "../db/client.ts";
import { resetEnvCache } from "../env.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { seedIam } from "../testing/moto/seed.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { scheduledSync, startSyncSchedule, stopSyncSchedule } from "./schedule.ts";

const emulator = setupEmulator();
setupFreshDatabase();
afterAll(() => stopSyncSchedule());

describe("the sync schedule", () => {
  it("syncs each account once when two instances fire at the same moment", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "scheduled", keys: [{ ageDays: 5 }] }]);
    await Promise.all([scheduledSync(), scheduledSync()]);
    const runs = await db().syncRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ actor: "keyrotate schedule", status: "ok", keysSeen: 1 });
  });

  it("runs on its cron expression and audits what it did", async () => {
    process.env.KEYROTATE_SYNC_SCHEDULE = "* * * * * *"; // every second (croner reads seconds first when given six fields)
    resetEnvCache();
    const before = (await listAudit({ actor: "keyrotate schedule" })).length;
    const next = startSyncSchedule();
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await expect.poll(async () => (await listAudit({ actor: "keyrotate schedule" })).length, { timeout: 10_000 }).toBeGreaterThan(before);
    stopSyncSchedule();
    delete process.env.KEYROTATE_SYNC_SCHEDULE;
    resetEnvCache();
  });
});
