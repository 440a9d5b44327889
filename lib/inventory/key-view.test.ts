import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, keyViewQuery, pageCount, parseKeyView } from "./key-view.ts";

describe("the dashboard's view in the URL", () => {
  it("reads what it writes", () => {
    const view = { q: "alice smith", flag: "overdue", status: "Inactive", account: "123456789012", owner: "payments team", noOwner: false, sort: "lastUsed", dir: "asc", page: 3, size: 250 } as const;
    const query = keyViewQuery(view);
    expect(query).toBe("?q=alice+smith&flag=overdue&status=Inactive&account=123456789012&owner=payments+team&sort=lastUsed&dir=asc&page=3&size=250");
    expect(parseKeyView(new URLSearchParams(query.slice(1)))).toEqual(view);
  });

  it("filters by exemption and by keys with no owner, which wins over a team", () => {
    const view = { ...DEFAULT_VIEW, flag: "exempted", owner: "payments", noOwner: true } as const;
    expect(keyViewQuery(view)).toBe("?flag=exempted&noOwner=1");
    expect(parseKeyView({ flag: "exempted", noOwner: "1" })).toEqual({ ...DEFAULT_VIEW, flag: "exempted", noOwner: true });
  });

  it("keeps the default view's URL plain", () => {
    expect(keyViewQuery(DEFAULT_VIEW)).toBe("");
    expect(parseKeyView({})).toEqual(DEFAULT_VIEW);
  });

  it("falls back to the default for whatever a hand-edited URL gets wrong", () => {
    expect(parseKeyView({ flag: "bogus", status: "active", account: "12", sort: "password", dir: "up", page: "-2", size: "10000" })).toEqual(DEFAULT_VIEW);
    expect(parseKeyView({ page: "2.5" }).page).toBe(1);
    expect(parseKeyView({ q: ["  first  ", "second"], size: "100" })).toMatchObject({ q: "first", size: 100 });
  });

  it("counts at least one page", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(10_000, 250)).toBe(40);
  });
});
