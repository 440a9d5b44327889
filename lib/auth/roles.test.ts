import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, type Permission } from "./roles.ts";

describe("can", () => {
  it("lets viewers do nothing that changes state", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can("viewer", p)).toBe(false);
  });
  it("lets rotators rotate but not override a safety rule", () => {
    expect(can("rotator", "key.create")).toBe(true);
    expect(can("rotator", "key.delete")).toBe(true);
    expect(can("rotator", "rotation.override")).toBe(false);
  });
  it("lets admins do everything", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can("admin", p)).toBe(true);
  });
});
