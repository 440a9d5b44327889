// The compliance snapshot is bookkeeping after IAM was read: when its write fails the sync still succeeds.
import { describe, expect, it, vi } from "vitest";
import { seedIam } from "../testing/moto/seed.ts";
import { setupEmulator } from "../testing/emulator.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { listKeys } from "../db/keys.ts";
import { runSync } from "./run-sync.ts";

vi.mock("../db/compliance.ts", async (original) => ({
  ...(await original<typeof import("../db/compliance.ts")>()),
  recordComplianceSnapshot: () => Promise.reject(new Error("database is locked")),
}));

const emulator = setupEmulator();
setupFreshDatabase();

describe("a failed compliance snapshot", () => {
  it("is a warning, and the sync reports what it read", async () => {
    await seedIam(emulator.endpoint(), [{ userName: "app", keys: [{ ageDays: 10 }] }]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const [run] = await runSync("test");
    expect(run).toMatchObject({ status: "ok", keysSeen: 1, keysAdded: 1 });
    expect(await listKeys()).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("compliance snapshot of 123456789012 not recorded"), expect.any(Error));
  });
});
