import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, type Permission } from "./roles.ts";

const all = Object.keys(PERMISSIONS) as Permission[];
const reads = all.filter((p) => p.endsWith(".read"));

describe("can", () => {
  it("lets viewers read everything and change nothing", () => {
    for (const p of all) expect(can("viewer", p)).toBe(reads.includes(p));
    expect(reads).toEqual(["inventory.read", "locations.read", "audit.read"]);
  });
  it("lets rotators rotate but not override a safety rule", () => {
    expect(can("rotator", "key.deactivate")).toBe(true);
    expect(can("rotator", "key.delete")).toBe(true);
    expect(can("rotator", "rotation.override")).toBe(false);
  });
  it("lets admins do everything", () => {
    for (const p of all) expect(can("admin", p)).toBe(true);
  });
});
