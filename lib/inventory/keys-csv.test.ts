import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { KEY_CSV_FIELDS, keysToCsv, type CsvKeyRow } from "./keys-csv.ts";

const row: CsvKeyRow = {
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
  exemptions: [],
  owner: null,
  ownerContact: null,
};

describe("keysToCsv", () => {
  it("writes the header, then one row per key with flags joined by ;", () => {
    const [header, line] = Papa.parse<string[]>(keysToCsv([{ ...row, userName: "ci, deploy" }]).trim()).data;
    expect(header).toEqual([...KEY_CSV_FIELDS]);
    expect(line).toEqual(["123456789012", "production", "ci, deploy", "AKIAAAAAAAAAAAAAAAAA", "Active", "2026-01-01T00:00:00.000Z", "334", "", "", "", "overdue;never-used", "", "", ""]);
  });

  it("writes the exemptions with their date, scope and reason, and the owner", () => {
    const exempt: CsvKeyRow = {
      ...row,
      flags: ["never-used"],
      exemptions: [{ flag: "overdue", scope: "user", reason: "vendor\nrotates it", expiresAt: "2027-03-01T00:00:00.000Z", createdBy: "Ada" }],
      owner: "payments",
      ownerContact: "pay@example.org",
    };
    const [, line] = Papa.parse<string[]>(keysToCsv([exempt]).trim()).data;
    expect(line.slice(10)).toEqual(["never-used", "overdue until 2027-03-01 (user): vendor rotates it", "payments", "pay@example.org"]);
  });

  it("defuses a value a spreadsheet would run as a formula", () => {
    const [, line] = Papa.parse<string[]>(keysToCsv([row]).trim()).data;
    expect(line[2]).toBe("'=cmd|' /C calc'!A0");
  });

  it("writes only the header for no keys", () => expect(keysToCsv([]).trim()).toBe(KEY_CSV_FIELDS.join(",")));
});
