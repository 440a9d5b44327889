// The demo's data holds together: every user seeds, syncs with the flags the demo promises, and
// the demo's locations CSV imports without a bad line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { setupEmulator } from "../../lib/testing/emulator.ts";
import { setupFreshDatabase } from "../../lib/testing/use-database.ts";
import { runSync } from "../../lib/sync/run-sync.ts";
import { loadKeyRows } from "../../lib/inventory/dashboard.ts";
import { importLocationsCsv } from "../../lib/locations/registry.ts";
import { demoUsers } from "./users.ts";
import { seedIam } from "../../lib/testing/moto/seed.ts";

const emulator = setupEmulator();
setupFreshDatabase();

describe("the demo account", () => {
  it("has about 40 users whose keys raise every flag, and locations that import cleanly", async () => {
    await seedIam(emulator.endpoint(), demoUsers);
    const [run] = await runSync("demo-test");
    expect(run.usersSeen).toBe(demoUsers.length);
    expect(run.usersSeen).toBeGreaterThanOrEqual(40);

    const csv = readFileSync(join(import.meta.dirname, "locations.csv"), "utf8");
    const imported = await importLocationsCsv(csv, { commit: true, actor: "demo-test" });
    expect(imported.errors).toEqual([]);
    expect(imported.counts?.created).toBe(csv.trim().split("\n").length - 1);

    const { rows, summary } = await loadKeyRows();
    const flags = new Set(rows.flatMap((r) => r.flags));
    expect([...flags].sort()).toEqual(["due-soon", "inactive", "never-used", "no-locations", "overdue", "stale", "two-keys"]);
    expect(summary.overdue).toBeGreaterThan(5);
    expect(rows.some((r) => /^ses-smtp-user\.\d{8}$/.test(r.userName))).toBe(true);
    expect(Math.max(...rows.map((r) => r.ageDays))).toBe(500);
  });
});
