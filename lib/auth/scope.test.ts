import { describe, expect, it } from "vitest";
import { scopeOf, selfUserOf, type ScopeConfig, type ScopeSubject } from "./scope.ts";

const open: ScopeConfig = { pathPrefixes: [], namePattern: null, tag: null, protectedUsers: [], self: null };
const user = (over: Partial<ScopeSubject> = {}): ScopeSubject => ({ accountId: "123456789012", userName: "app", path: "/", tags: [], ...over });

describe("scopeOf", () => {
  it("manages everyone when nothing is configured", () => {
    expect(scopeOf(user(), open)).toEqual({ managed: true });
  });

  it("never manages keyrotate's own user, whatever else is configured", () => {
    const config = { ...open, self: { accountId: "123456789012", userName: "keyrotate" } };
    expect(scopeOf(user({ userName: "keyrotate" }), config)).toMatchObject({ managed: false, reason: expect.stringMatching(/keyrotate's own IAM user/) });
    expect(scopeOf(user({ userName: "keyrotate", accountId: "999999999999" }), config)).toEqual({ managed: true });
  });

  it("protects listed users and wildcards", () => {
    const config = { ...open, protectedUsers: ["break-glass", "admin-*"] };
    expect(scopeOf(user({ userName: "break-glass" }), config)).toMatchObject({ managed: false, reason: expect.stringMatching(/Protected user.*break-glass/) });
    expect(scopeOf(user({ userName: "admin-alice" }), config)).toMatchObject({ managed: false, reason: expect.stringMatching(/admin-\*/) });
    expect(scopeOf(user({ userName: "break-glass-2" }), config)).toEqual({ managed: true });
    expect(scopeOf(user({ userName: "xadmin-alice" }), config)).toEqual({ managed: true });
  });

  it("keeps to the managed paths, names and tag", () => {
    expect(scopeOf(user({ path: "/people/" }), { ...open, pathPrefixes: ["/apps/"] })).toMatchObject({ managed: false, reason: expect.stringMatching(/path is \/people\//) });
    expect(scopeOf(user({ path: "/apps/payments/" }), { ...open, pathPrefixes: ["/apps/"] })).toEqual({ managed: true });
    expect(scopeOf(user({ userName: "bob" }), { ...open, namePattern: /^app-|^svc-/ })).toMatchObject({ managed: false });
    expect(scopeOf(user({ userName: "svc-x" }), { ...open, namePattern: /^app-|^svc-/ })).toEqual({ managed: true });
    const tagged = { ...open, tag: { key: "keyrotate", value: "managed" } };
    expect(scopeOf(user({ tags: [{ key: "keyrotate", value: "managed" }] }), tagged)).toEqual({ managed: true });
    expect(scopeOf(user({ tags: [{ key: "keyrotate", value: "no" }] }), tagged)).toMatchObject({ managed: false, reason: expect.stringMatching(/does not/) });
    expect(scopeOf(user({ tags: null }), tagged)).toMatchObject({ managed: false, reason: expect.stringMatching(/not been read yet/) });
    expect(scopeOf(user({ tags: [{ key: "keyrotate", value: "anything" }] }), { ...open, tag: { key: "keyrotate" } })).toEqual({ managed: true });
  });

  it("treats a glob's other characters literally", () => {
    expect(scopeOf(user({ userName: "a.b" }), { ...open, protectedUsers: ["a.b"] })).toMatchObject({ managed: false });
    expect(scopeOf(user({ userName: "axb" }), { ...open, protectedUsers: ["a.b"] })).toEqual({ managed: true });
  });
});

describe("selfUserOf", () => {
  it("reads a user ARN, with or without a path, and ignores roles", () => {
    expect(selfUserOf("arn:aws:iam::123456789012:user/keyrotate")).toEqual({ accountId: "123456789012", userName: "keyrotate" });
    expect(selfUserOf("arn:aws:iam::123456789012:user/platform/keyrotate")).toEqual({ accountId: "123456789012", userName: "keyrotate" });
    expect(selfUserOf("arn:aws:sts::123456789012:assumed-role/keyrotate/session")).toBeNull();
  });
});
