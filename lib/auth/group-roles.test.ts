import { describe, expect, it } from "vitest";
import { groupsFromClaim, roleFromGroups, type GroupRoles } from "./group-roles.ts";

const runbook: GroupRoles = { admin: ["admin", "internal-admin"], rotator: ["platformhealth-poweruser", "poweruser"], viewer: [] };

describe("roleFromGroups", () => {
  it("follows the runbook by default", () => {
    expect(roleFromGroups(["admin"], runbook)).toBe("admin");
    expect(roleFromGroups(["internal-admin", "staff"], runbook)).toBe("admin");
    expect(roleFromGroups(["platformhealth-poweruser"], runbook)).toBe("rotator");
    expect(roleFromGroups(["poweruser"], runbook)).toBe("rotator");
    expect(roleFromGroups(["staff"], runbook)).toBe("viewer");
    expect(roleFromGroups([], runbook)).toBe("viewer");
  });

  it("gives the highest role any group grants", () => {
    expect(roleFromGroups(["poweruser", "admin"], runbook)).toBe("admin");
  });

  it("lets nobody in when viewing is limited to groups the person is not in", () => {
    const limited = { ...runbook, viewer: ["platform-team"] };
    expect(roleFromGroups(["staff"], limited)).toBeNull();
    expect(roleFromGroups(["platform-team"], limited)).toBe("viewer");
    expect(roleFromGroups(["poweruser"], limited)).toBe("rotator");
  });

  it("matches group names exactly", () => {
    expect(roleFromGroups(["Admin", "admins", "poweruser-ish"], runbook)).toBe("viewer");
  });
});

describe("groupsFromClaim", () => {
  it("reads arrays, strings and nothing", () => {
    expect(groupsFromClaim(["a", "b", 3])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a b,c")).toEqual(["a", "b", "c"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ admin: true })).toEqual([]);
  });
});
