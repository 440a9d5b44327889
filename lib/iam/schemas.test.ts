import { describe, expect, it } from "vitest";
import { accessKeyIdSchema, accountIdSchema, userNameSchema } from "./schemas.ts";

describe("accessKeyIdSchema", () => {
  it("accepts AWS key ids, trimmed and uppercased", () => {
    expect(accessKeyIdSchema.parse(" akiaiosfodnn7example ")).toBe("AKIAIOSFODNN7EXAMPLE");
    expect(accessKeyIdSchema.safeParse("A".repeat(128)).success).toBe(true);
  });

  it.each([
    ["too short", "AKIA12345678901"],
    ["too long", "A".repeat(129)],
    ["punctuation", "AKIA-IOSFODNN7EXAMPLE"],
    ["inner space", "AKIA IOSFODNN7EXAMPLE"],
  ])("rejects an id with %s", (_, id) => {
    expect(accessKeyIdSchema.safeParse(id).success).toBe(false);
  });

  it("says an empty id is required", () => {
    expect(accessKeyIdSchema.safeParse("  ").error?.issues[0]?.message).toBe("Access key id is required");
  });
});

describe("userNameSchema", () => {
  it("accepts the characters IAM allows", () => {
    expect(userNameSchema.parse(" deploy+ci=x,y.z@example_1-2 ")).toBe("deploy+ci=x,y.z@example_1-2");
    expect(userNameSchema.safeParse("u".repeat(64)).success).toBe(true);
  });

  it("rejects other characters, empty names and names over 64 characters", () => {
    expect(userNameSchema.safeParse("bob smith").error?.issues[0]?.message).toBe(
      "User name may contain only letters, digits and + = , . @ _ -",
    );
    expect(userNameSchema.safeParse("bob/smith").success).toBe(false);
    expect(userNameSchema.safeParse("ünïcode").success).toBe(false);
    expect(userNameSchema.safeParse("").error?.issues[0]?.message).toBe("User name is required");
    expect(userNameSchema.safeParse("u".repeat(65)).error?.issues[0]?.message).toBe(
      "User name must be 64 characters or fewer",
    );
  });
});

describe("accountIdSchema", () => {
  it("accepts exactly twelve digits", () => {
    expect(accountIdSchema.parse(" 123456789012 ")).toBe("123456789012");
    for (const bad of ["12345678901", "1234567890123", "12345678901a", ""]) {
      expect(accountIdSchema.safeParse(bad).error?.issues[0]?.message).toBe("Account id must be 12 digits");
    }
  });
});
