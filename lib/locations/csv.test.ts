import { describe, expect, it } from "vitest";
import {
  type KeyOwner,
  type LocationExportRow,
  type LocationKeyLookup,
  LOCATIONS_CSV_HEADER,
  parseLocationsCsv,
  resolveLocationRows,
  toLocationsCsv,
} from "./csv.ts";

const HEADER = LOCATIONS_CSV_HEADER.join(",");
const KEY = "AKIAIOSFODNN7EXAMPLE";
const OTHER_KEY = "AKIAI44QH8DHBEXAMPLE";

describe("parseLocationsCsv", () => {
  it("reads a row into normalised fields", () => {
    const { rows, errors } = parseLocationsCsv(
      `${HEADER}\n${KEY.toLowerCase()},deploy,secrets-repo,govuk-secrets/puppet,Production,govuk::apps::support::aws_access_key_id,\n`,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        accessKeyId: KEY,
        userName: "deploy",
        kind: "secrets-repo",
        system: "govuk-secrets/puppet",
        environment: "production",
        identifier: "govuk::apps::support::aws_access_key_id",
        notes: null,
      },
    ]);
  });

  it("handles quoted fields with commas and escaped double quotes", () => {
    const { rows, errors } = parseLocationsCsv(
      `${HEADER}\n${KEY},,third-party,"Fastly, Inc.",production,"service ""www""","say ""hi"", then go"\n`,
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ system: "Fastly, Inc.", identifier: 'service "www"', notes: 'say "hi", then go' });
  });

  it("reports the line a record starts on when quoted fields span lines", () => {
    const text = [
      HEADER,
      `${KEY},,other,Logit,staging,stack-1,"first`,
      "second",
      `third"`,
      `,bob,other,Logit,staging,,"note`,
      `more"`,
      `,bob,other,Logit,staging,stack-2,`,
    ].join("\n");
    const { rows, errors } = parseLocationsCsv(text);
    expect(rows.map((row) => [row.line, row.notes])).toEqual([
      [2, "first\nsecond\nthird"],
      [7, null],
    ]);
    expect(errors).toEqual([{ line: 5, message: "identifier: Identifier is required" }]);
  });

  it("strips a BOM, accepts CRLF and skips blank lines and lines of only commas", () => {
    const text = `\uFEFF${HEADER}\r\n\r\n,,,,,,\r\n${KEY},,other,Logit,staging,stack,"a\r\nb"\r\n  \r\n,bob,other,Logit,dev,x,\r\n`;
    const { rows, errors } = parseLocationsCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.line, row.accessKeyId, row.notes])).toEqual([
      [4, KEY, "a\nb"],
      [7, null, null],
    ]);
  });

  it("accepts columns in any order, in any case, with extra columns and without notes", () => {
    const text = `Identifier , SYSTEM,owner,environment,Kind,User_Name\nstack,Logit,team-x,staging,other,bob\n`;
    const { rows, errors } = parseLocationsCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        accessKeyId: null,
        userName: "bob",
        kind: "other",
        system: "Logit",
        environment: "staging",
        identifier: "stack",
        notes: null,
      },
    ]);
  });

  it("names the missing required columns in one error at line 1", () => {
    expect(parseLocationsCsv(`kind,system,notes\nother,Logit,\n`)).toEqual({
      rows: [],
      errors: [{ line: 1, message: "missing required columns: access_key_id or user_name, environment, identifier" }],
    });
  });

  it("rejects an empty file and a header that repeats a column", () => {
    expect(parseLocationsCsv("\n\n").errors).toEqual([{ line: 1, message: expect.stringContaining("empty") }]);
    expect(parseLocationsCsv(`${HEADER},system\n`).errors).toEqual([
      { line: 1, message: "columns appear more than once: system" },
    ]);
  });

  it("reports every problem of a row with its column, and keeps the valid rows", () => {
    const text = `${HEADER}\nAKIA-BAD,,vault,,Production,x,\n,bob,other,Logit,dev,x,\n`;
    const { rows, errors } = parseLocationsCsv(text);
    expect(errors).toEqual([
      {
        line: 2,
        message: [
          "access_key_id: Access key id must be 16–128 letters and digits, like AKIAIOSFODNN7EXAMPLE",
          "kind: Kind must be one of: secrets-repo, third-party, ci-variable, app-config, other, aws-secrets-manager, aws-ssm-parameter",
          "system: System is required",
        ].join("; "),
      },
    ]);
    expect(rows.map((row) => row.line)).toEqual([3]);
  });

  it("requires access_key_id or user_name on each row", () => {
    expect(parseLocationsCsv(`${HEADER}\n,,other,Logit,dev,x,\n`).errors).toEqual([
      { line: 2, message: "access_key_id or user_name is required" },
    ]);
  });

  it("flags a row with more values than the header, as an unquoted comma would make", () => {
    const { errors } = parseLocationsCsv(`${HEADER}\n,bob,other,Fastly, Inc.,dev,x,\n`);
    expect(errors[0]?.line).toBe(2);
    expect(errors[0]?.message).toMatch(/^row has 8 fields but the header has 7/);
  });

  it("reports an unterminated quote at the line where it starts", () => {
    const { errors } = parseLocationsCsv(`${HEADER}\n,bob,other,Logit,dev,x,\n,bob,other,Logit,dev,y,"oops\nstill\n`);
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/^malformed CSV: .*unterminated/i) }]);
  });

  it("reports a duplicate row against the first line, after normalisation", () => {
    const text = [
      HEADER,
      `${KEY},,other,Logit,staging,stack,first`,
      `,bob,other,Logit,staging,stack,by user`,
      `${KEY.toLowerCase()},,other, Logit ,STAGING,stack,different notes`,
      `,BOB,other,Logit,staging,stack,`,
    ].join("\n");
    const { rows, errors } = parseLocationsCsv(text);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(errors).toEqual([
      { line: 4, message: "duplicate of line 2" },
      { line: 5, message: "duplicate of line 3" },
    ]);
  });

  it("parses a 10,000-row file", () => {
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`AKIA${String(i).padStart(16, "0")},user-${i},app-config,app-${i % 7},production,"key,${i}",note ${i}`);
    }
    const { rows, errors } = parseLocationsCsv(lines.join("\r\n"));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]).toEqual({
      line: 10_001,
      accessKeyId: "AKIA0000000000009999",
      userName: "user-9999",
      kind: "app-config",
      system: "app-3",
      environment: "production",
      identifier: "key,9999",
      notes: "note 9999",
    });
  });
});

describe("resolveLocationRows", () => {
  const owners: Record<string, KeyOwner> = {
    [KEY]: { accountId: "111111111111", userName: "deploy", accessKeyId: KEY },
    [OTHER_KEY]: { accountId: "111111111111", userName: "rotating", accessKeyId: OTHER_KEY },
  };
  const lookup: LocationKeyLookup = {
    byAccessKeyId: (id) => owners[id],
    currentKeyOfUser: (name) => (name === "deploy" ? owners[KEY] : name === "rotating" ? "ambiguous" : undefined),
  };
  const resolve = (body: string[]) => resolveLocationRows(parseLocationsCsv([HEADER, ...body].join("\n")).rows, lookup);

  it("fills in account, user and key from either column", () => {
    const { resolved, errors } = resolve([`${KEY},,other,Logit,dev,a,`, `,deploy,other,Logit,dev,b,`]);
    expect(errors).toEqual([]);
    expect(resolved.map((row) => [row.line, row.accountId, row.userName, row.accessKeyId])).toEqual([
      [2, "111111111111", "deploy", KEY],
      [3, "111111111111", "deploy", KEY],
    ]);
  });

  it("explains rows whose key cannot be found or is ambiguous", () => {
    const { resolved, errors } = resolve([
      `AKIAUNKNOWNKEY000000,,other,Logit,dev,a,`,
      `,nobody,other,Logit,dev,b,`,
      `,rotating,other,Logit,dev,c,`,
      `${KEY},rotating,other,Logit,dev,d,`,
      `${OTHER_KEY},rotating,other,Logit,dev,e,`,
    ]);
    expect(errors).toEqual([
      { line: 2, message: "unknown access key id AKIAUNKNOWNKEY000000" },
      { line: 3, message: "no access key found for user nobody: check the name or give access_key_id" },
      { line: 4, message: "user rotating has two keys: give access_key_id" },
      { line: 5, message: `access key id ${KEY} belongs to user deploy, not rotating` },
    ]);
    expect(resolved.map((row) => row.line)).toEqual([6]);
  });

  it("catches duplicates that name the same key once by id and once by user", () => {
    const { resolved, errors } = resolve([`${KEY},,other,Logit,dev,a,`, `,deploy,other,Logit,dev,a,`]);
    expect(resolved.map((row) => row.line)).toEqual([2]);
    expect(errors).toEqual([{ line: 3, message: "duplicate of line 2 (same user deploy and place)" }]);
  });

  it("catches two rows naming one place for two keys of the same user (a location belongs to the user)", () => {
    const pair = { byAccessKeyId: (id: string) => ({ accountId: "123456789012", userName: "pair", accessKeyId: id }), currentKeyOfUser: () => "ambiguous" as const };
    const parsed = parseLocationsCsv([HEADER, "AKIAPAIRONE000000001,,other,Logit,dev,a,", "AKIAPAIRTWO000000002,,other,Logit,dev,a,"].join("\n"));
    const { resolved, errors } = resolveLocationRows(parsed.rows, pair);
    expect(resolved.map((row) => row.line)).toEqual([2]);
    expect(errors).toEqual([{ line: 3, message: "duplicate of line 2 (same user pair and place)" }]);
  });
});

describe("toLocationsCsv", () => {
  const row: LocationExportRow = {
    accessKeyId: KEY,
    userName: "deploy",
    kind: "third-party",
    system: "Fastly",
    environment: "production",
    identifier: "service 1",
    notes: null,
  };

  it("writes the header, CRLF line endings and RFC 4180 quoting", () => {
    const csv = toLocationsCsv([row, { ...row, accessKeyId: null, notes: 'say "hi",\nthen go' }]);
    expect(csv).toBe(
      `${HEADER}\r\n${KEY},deploy,third-party,Fastly,production,service 1,\r\n` +
        `,deploy,third-party,Fastly,production,service 1,"say ""hi"",\nthen go"\r\n`,
    );
  });

  it("escapes formula-like values with an apostrophe", () => {
    const csv = toLocationsCsv([{ ...row, userName: "=ops", system: "+cmd", identifier: "-1", notes: "@SUM(A1)" }]);
    expect(csv.split("\r\n")[1]).toBe(`${KEY},"'=ops",third-party,"'+cmd",production,"'-1","'@SUM(A1)"`);
  });

  it("round-trips ordinary, formula-like and apostrophe values through export and import", () => {
    const rows: LocationExportRow[] = [
      { ...row, notes: "multi\nline, with \"quotes\"\tand tab" },
      { ...row, accessKeyId: null, userName: "=ops", identifier: "=HYPERLINK(\"x\")", notes: "-5" },
      { ...row, identifier: "'=already escaped", notes: "'just quoted'" },
      { ...row, identifier: "''+two apostrophes", notes: "@here" },
    ];
    const { rows: parsed, errors } = parseLocationsCsv(toLocationsCsv(rows));
    expect(errors).toEqual([]);
    expect(parsed.map(({ line: _line, ...rest }) => rest)).toEqual(rows);
  });
});
