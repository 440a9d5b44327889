import { describe, expect, it } from "vitest";
import { describeSource, resolveOwner } from "./resolve.ts";

const keys = { ownerTag: "owner", contactTag: "contact" };
const tags = [
  { key: "owner", value: "payments" },
  { key: "contact", value: "pay@example.org" },
];

describe("resolveOwner", () => {
  it("reads the team and contact from the configured tags", () => {
    expect(resolveOwner(null, tags, keys)).toEqual({ team: "payments", contact: "pay@example.org", source: "tag:owner" });
  });

  it("lets the dashboard's record win over the tags, whole", () => {
    expect(resolveOwner({ team: "platform", contact: null }, tags, keys)).toEqual({ team: "platform", contact: null, source: "dashboard" });
  });

  it("falls back to the tags when the dashboard's record is empty", () => {
    expect(resolveOwner({ team: null, contact: null }, tags, keys)?.source).toBe("tag:owner");
  });

  it("honours other tag keys, and names the contact tag when only it is set", () => {
    const other = [{ key: "Team", value: "x" }, { key: "Email", value: "e@example.org" }];
    expect(resolveOwner(null, other, { ownerTag: "Team", contactTag: "Email" })?.team).toBe("x");
    expect(resolveOwner(null, [{ key: "contact", value: "c@example.org" }], keys)).toEqual({ team: null, contact: "c@example.org", source: "tag:contact" });
  });

  it("has no owner without a record or a non-blank tag (or when tags were never read)", () => {
    expect(resolveOwner(null, [{ key: "owner", value: "  " }], keys)).toBeNull();
    expect(resolveOwner(null, null, keys)).toBeNull();
  });

  it("describes where an owner came from", () => {
    expect(describeSource("dashboard")).toBe("set on the dashboard");
    expect(describeSource("tag:owner")).toBe("from the IAM tag owner");
  });
});
