import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf, parseKeyQuery, publicKeyRow, selectKeyRows, type OwnedRow } from "./key-query.ts";

const row = (id: string, over: Partial<OwnedRow> = {}): OwnedRow => ({
  accountId: "123456789012",
  accountName: "production",
  userName: `user-${id}`,
  accessKeyId: `AKIA${id.padStart(16, "0")}`,
  status: "Active",
  createDate: "2026-01-01T00:00:00.000Z",
  ageDays: 10,
  lastUsedDate: null,
  lastUsedService: null,
  lastUsedRegion: null,
  flags: [],
  exemptions: [],
  owner: null,
  ...over,
});

const query = (s: string, paged = true, strict = true) => parseKeyQuery(new URLSearchParams(s), { paged, strict });

describe("parseKeyQuery", () => {
  it("reads the table's filters and a page, and treats empty parameters as absent", () => {
    expect(query("q=ci&flag=overdue&status=Inactive&account=staging&limit=5&cursor=")).toEqual({
      filter: { q: "ci", flag: "overdue", status: "Inactive", account: "staging" },
      page: { limit: 5, cursor: undefined },
    });
    expect(query("flag=&status=")).toEqual({ filter: {}, page: {} });
  });

  it.each([
    ["flag=old", /flag: Unknown flag/],
    ["status=active", /status: The status is Active or Inactive/],
    ["limit=0", /limit: The limit is at least 1/],
    ["limit=1001", /at most 1000/],
    ["limit=ten", /limit: The limit is a number/],
    ["limit=2.5", /whole number/],
    ["cursor=nonsense", /cursor: The cursor is not one this API gave out/],
    ["flags=overdue", /Unknown query parameter flags/],
  ])("refuses %s with a message", (s, message) => {
    expect(query(s)).toEqual({ error: expect.stringMatching(message) });
  });

  it("lets an export ignore parameters it does not know, but not bad values", () => {
    expect(query("sort=age&flag=stale", false, false)).toEqual({ filter: { flag: "stale" }, page: {} });
    expect(query("limit=5", false, false)).toEqual({ filter: {}, page: {} });
    expect(query("flag=x", false, false)).toEqual({ error: expect.stringMatching(/Unknown flag/) });
  });
});

describe("selectKeyRows", () => {
  const rows = [
    row("3", { createDate: "2026-03-01T00:00:00.000Z", status: "Inactive", flags: ["inactive"] }),
    row("1", { createDate: "2026-01-01T00:00:00.000Z", accountName: null, accountId: "210987654321", flags: ["overdue"] }),
    row("2", { createDate: "2026-01-01T00:00:00.000Z", userName: "ci-deploy", owner: "payments" }),
    row("4", {
      createDate: "2026-02-01T00:00:00.000Z",
      owner: "search",
      exemptions: [{ flag: "overdue", scope: "key", reason: "vendor", expiresAt: "2027-01-01T00:00:00.000Z", createdBy: "Ada" }],
    }),
  ];
  const ids = (f: Parameters<typeof selectKeyRows>[1]) => selectKeyRows(rows, f).map((r) => r.accessKeyId.slice(-1));

  it("orders oldest first, then by key id", () => expect(ids({})).toEqual(["1", "2", "4", "3"]));
  it("filters like the table: search, flag, status, account by name or id", () => {
    expect(ids({ q: "CI-" })).toEqual(["2"]);
    expect(ids({ q: "2109" })).toEqual(["1"]);
    expect(ids({ flag: "overdue" })).toEqual(["1"]);
    expect(ids({ status: "Inactive" })).toEqual(["3"]);
    expect(ids({ account: "production" })).toEqual(["2", "4", "3"]);
    expect(ids({ account: "210987654321" })).toEqual(["1"]);
    expect(ids({ account: "nowhere" })).toEqual([]);
  });
  it("filters by owner, by no owner, and by exemption, as the table does", () => {
    expect(ids({ owner: "payments" })).toEqual(["2"]);
    expect(ids({ noOwner: true })).toEqual(["1", "3"]);
    expect(ids({ noOwner: true, owner: "payments" })).toEqual(["1", "3"]);
    expect(ids({ flag: "exempted" })).toEqual(["4"]);
  });
});

describe("pageOf", () => {
  const rows = Array.from({ length: 7 }, (_, i) => row(String(i), { createDate: `2026-01-0${1 + (i % 3)}T00:00:00.000Z` }));
  const sorted = selectKeyRows(rows, {});

  it("walks every row exactly once, in order, however the limit cuts it", () => {
    for (const limit of [1, 2, 3, 7, 100]) {
      const seen: string[] = [];
      let cursor: ReturnType<typeof decodeCursor> | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const page = pageOf(sorted, { limit, cursor });
        seen.push(...page.items.map((r) => r.accessKeyId));
        if (!page.nextCursor) break;
        cursor = decodeCursor(page.nextCursor);
      }
      expect(seen, `limit ${limit}`).toEqual(sorted.map((r) => r.accessKeyId));
    }
  });

  it("continues after the cursor's place even when that key is gone", () => {
    const cursor = decodeCursor(encodeCursor(sorted[2]))!;
    const without = sorted.filter((_, i) => i !== 2);
    expect(pageOf(without, { limit: 2, cursor }).items).toEqual(sorted.slice(3, 5));
    expect(pageOf(sorted, { cursor: decodeCursor(encodeCursor(sorted[6])) }).items).toEqual([]);
  });
});

it("publicKeyRow keeps exactly the KeyRow fields", () => {
  const extra = { ...row("9"), locationCount: 2, readOnly: null, rotationId: "r" };
  const { owner: _owner, ...keyRow } = row("9");
  expect(Object.keys(publicKeyRow(extra)).sort()).toEqual(Object.keys(keyRow).sort());
});
