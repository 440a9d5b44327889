import { describe, expect, it } from "vitest";
import { auditToCsv } from "./csv.ts";
import { parseAuditFilter } from "./filter.ts";

describe("auditToCsv", () => {
  it("writes a header and one quoted row per record, defusing formulas", () => {
    const csv = auditToCsv([
      {
        id: "1",
        at: new Date("2026-11-29T10:00:00Z"),
        actor: "=HYPERLINK(evil)",
        action: "key.delete",
        result: "ok",
        accountId: "123456789012",
        userName: "app",
        accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
        message: "Deleted, finally",
        input: '{"a":1}',
        actorId: "oidc:42",
        actorRole: "rotator",
        requestId: "req-9",
      },
    ]);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("at,actor,action,result,account_id,user_name,access_key_id,message,input,actor_id,actor_role,request_id");
    expect(row).toBe(`2026-11-29T10:00:00.000Z,'=HYPERLINK(evil),key.delete,ok,123456789012,app,AKIAAAAAAAAAAAAAAAAA,"Deleted, finally","{""a"":1}",oidc:42,rotator,req-9`);
  });
});

describe("parseAuditFilter", () => {
  it("turns search params into a filter with whole days", () => {
    const { filter } = parseAuditFilter({ actor: " bob ", key: "akiaxxxxxxxxxxxxxxxx", from: "2026-11-01", to: "2026-11-02", action: "" });
    expect(filter).toEqual({
      actorId: undefined,
      actor: "bob",
      accessKeyId: "AKIAXXXXXXXXXXXXXXXX",
      action: undefined,
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-02T23:59:59.999Z"),
    });
  });
  it("reports a bad date and filters nothing", () => {
    const out = parseAuditFilter({ from: "yesterday" });
    expect(out.error).toMatch(/YYYY-MM-DD/);
    expect(out.filter).toEqual({});
  });
  it.each(["2026-13-45", "2026-02-30", "0000-00-00"])("refuses %s, shaped like a day but none, before it reaches the database", (from) => {
    expect(parseAuditFilter({ from })).toMatchObject({ error: "from: No such day", filter: {} });
  });
  it.each(["bob\u0000", "\ud800bob"])("refuses a search for a control character or half a surrogate pair (%j)", (actor) => {
    expect(parseAuditFilter({ actor }).error).toMatch(/^actor: Remove the (control|broken) characters$/);
  });
});
