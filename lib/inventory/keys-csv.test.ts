import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { KeyRow } from "./key-rows.ts";
import { KEY_CSV_FIELDS, keysToCsv } from "./keys-csv.ts";

const row: KeyRow = {
  accountId: "123456789012",
  accountName: "production",
  userName: "=cmd|' /C calc'!A0",
  accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
  status: "Active",
  createDate: "2026-01-01T00:00:00.000Z",
  ageDays: 334,
  lastUsedDate: null,
  lastUsedService: null,
  lastUsedRegion: null,
  flags: ["overdue", "never-used"],
};

describe("keysToCsv", () => {
  it("writes the header, then one row per key with flags joined by ;", () => {
    const [header, line] = Papa.parse<string[]>(keysToCsv([{ ...row, userName: "ci, deploy" }]).trim()).data;
    expect(header).toEqual([...KEY_CSV_FIELDS]);
    expect(line).toEqual(["123456789012", "production", "ci, deploy", "AKIAAAAAAAAAAAAAAAAA", "Active", "2026-01-01T00:00:00.000Z", "334", "", "", "", "overdue;never-used"]);
  });

  it("defuses a value a spreadsheet would run as a formula", () => {
    const [, line] = Papa.parse<string[]>(keysToCsv([row]).trim()).data;
    expect(line[2]).toBe("'=cmd|' /C calc'!A0");
  });

  it("writes only the header for no keys", () => expect(keysToCsv([]).trim()).toBe(KEY_CSV_FIELDS.join(",")));
});
