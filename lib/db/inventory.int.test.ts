import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { ACCOUNT, fakeUser } from "../testing/inventory-fixture.ts";
import { saveInventory } from "./inventory.ts";
import { listKeys } from "./keys.ts";

setupFreshDatabase();

describe("saveInventory", () => {
  it("handles an account of more users than SQLite allows parameters, and notices the one that left", async () => {
    const users = Array.from({ length: 1200 }, (_, i) => fakeUser(`user-${i}`, [{ id: `AKIABULK${String(i).padStart(12, "0")}` }]));
    const t1 = new Date(Date.now() - 60_000);
    expect(await saveInventory(ACCOUNT, users, t1)).toEqual({ usersSeen: 1200, keysSeen: 1200, keysAdded: 1200, keysDeleted: 0 });
    const t2 = new Date();
    expect(await saveInventory(ACCOUNT, users.slice(1), t2)).toEqual({ usersSeen: 1199, keysSeen: 1199, keysAdded: 0, keysDeleted: 1 });
    const keys = await listKeys();
    expect(keys).toHaveLength(1199);
    expect(keys.map((k) => k.userName)).not.toContain("user-0");
  });
});
