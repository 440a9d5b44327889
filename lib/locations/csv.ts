import Papa from "papaparse";
import type { z } from "zod";
import { accessKeyIdSchema, userNameSchema } from "../iam/schemas.ts";
import type { StoreInput } from "../distribute/store.ts";
import { type LocationKind, locationInputSchema } from "./schema.ts";

/** Columns of the import and export file, in export order. Import accepts them in any order. */
export const LOCATIONS_CSV_HEADER = ["access_key_id", "user_name", "kind", "system", "environment", "identifier", "notes"] as const;

/**
 * Optional columns for the kinds keyrotate writes itself (aws-secrets-manager, aws-ssm-parameter), after the
 * others; export adds them only when a location has a store, so older spreadsheets keep their shape.
 * - store_account_id: the 12-digit account holding the secret or parameters (empty: the key's own account)
 * - region: where the secret or parameters are, e.g. eu-west-2 (required for both kinds)
 * - id_field, secret_field: aws-secrets-manager's JSON field names (defaults AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY);
 *   identifier is the secret's name or ARN
 * - secret_parameter: aws-ssm-parameter's SecureString parameter for the secret; identifier is the key id's parameter
 */
export const LOCATIONS_CSV_STORE_COLUMNS = ["store_account_id", "region", "id_field", "secret_field", "secret_parameter"] as const;

type Column = (typeof LOCATIONS_CSV_HEADER)[number] | (typeof LOCATIONS_CSV_STORE_COLUMNS)[number];
const KNOWN_COLUMNS: readonly string[] = [...LOCATIONS_CSV_HEADER, ...LOCATIONS_CSV_STORE_COLUMNS];

export type ParsedLocationRow = {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  accessKeyId: string | null;
  userName: string | null;
  kind: LocationKind;
  system: string;
  environment: string;
  identifier: string;
  notes: string | null;
  store?: StoreInput;
};

export type CsvRowError = { line: number; message: string };

export type KeyOwner = { accountId: string; userName: string; accessKeyId: string };

export type ResolvedLocationRow = ParsedLocationRow & KeyOwner;

export type LocationKeyLookup = {
  byAccessKeyId(accessKeyId: string): KeyOwner | undefined;
  /** The user's only key; "ambiguous" when the user has two, so the row must name one. */
  currentKeyOfUser(userName: string): KeyOwner | undefined | "ambiguous";
};

export type LocationExportRow = Omit<ParsedLocationRow, "line" | "userName"> & { userName: string };

// A spreadsheet opening the export would run a cell starting with = + - @ (or tab/CR, which some
// spreadsheets skip before looking for one) as a formula: "CSV injection" from anyone who can type a
// note. Such a cell is written with a leading apostrophe, which spreadsheets show as plain text.
// Values that already start with apostrophes before one of those characters get one more, and import
// strips exactly one apostrophe only when one of those characters follows the apostrophes, so every
// value survives export → import unchanged, and an ordinary "'quoted'" note is left alone.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;

function unescapeFormula(value: string): string {
  return ESCAPED_FORMULA_START.test(value) ? value.slice(1) : value;
}

/** One CSV record as Papa Parse returns it, with the line it starts on. */
type RawRecord = { line: number; fields: string[]; malformed: string | null };

/**
 * Reads records with Papa Parse's step callback: its cursor gives where each record ends, so counting
 * newlines up to a record's start gives its physical line even when quoted fields span several lines.
 */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter: ",", // never guess: a guessed ";" would silently misread a file of notes with semicolons
    newline: "\n",
    skipEmptyLines: false, // skipped below, after their newlines have been counted
    step(result) {
      const end = result.meta.cursor;
      const malformed = result.errors.map((error) => error.message).join("; ") || null;
      records.push({ line, fields: result.data, malformed });
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  return records;
}

type HeaderResult = { columns: Partial<Record<Column, number>>; error: string | null };

function readHeader(fields: string[]): HeaderResult {
  const columns: Partial<Record<Column, number>> = {};
  const duplicated: string[] = [];
  fields.forEach((name, index) => {
    const column = name.trim().toLowerCase() as Column;
    if (!KNOWN_COLUMNS.includes(column)) return; // extra columns are ignored
    if (columns[column] === undefined) columns[column] = index;
    else duplicated.push(column);
  });
  const missing: string[] = (["kind", "system", "environment", "identifier"] as const).filter(
    (column) => columns[column] === undefined,
  );
  if (columns.access_key_id === undefined && columns.user_name === undefined) {
    missing.unshift("access_key_id or user_name");
  }
  if (missing.length > 0) return { columns, error: `missing required columns: ${missing.join(", ")}` };
  if (duplicated.length > 0) return { columns, error: `columns appear more than once: ${duplicated.join(", ")}` };
  return { columns, error: null };
}

/** "column: message" for each issue; object schemas name the field in the path, scalar ones do not. */
function issuesOf(column: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${String(issue.path[0] ?? column)}: ${issue.message}`);
}

/** Validates one record; returns the row or every problem found in it. */
function toRow(record: RawRecord, columns: HeaderResult["columns"], width: number): ParsedLocationRow | string[] {
  const value = (column: Column) => {
    const index = columns[column];
    return index === undefined ? "" : unescapeFormula((record.fields[index] ?? "").trim());
  };
  const problems: string[] = [];
  if (record.fields.length > width) {
    // Most often an unquoted comma inside a value, which shifts every later column. Fewer fields than
    // the header are allowed: hand-written files often leave out trailing empty values.
    problems.push(`row has ${record.fields.length} fields but the header has ${width}: quote values with commas`);
  }
  const optional = <T>(column: Column, schema: z.ZodType<T>): T | null => {
    if (value(column) === "") return null;
    const result = schema.safeParse(value(column));
    if (result.success) return result.data;
    problems.push(...issuesOf(column, result.error));
    return null;
  };
  const accessKeyId = optional("access_key_id", accessKeyIdSchema);
  const userName = optional("user_name", userNameSchema);
  if (value("access_key_id") === "" && value("user_name") === "") {
    problems.push("access_key_id or user_name is required");
  }
  const location = locationInputSchema.safeParse({
    kind: value("kind"),
    system: value("system"),
    environment: value("environment"),
    identifier: value("identifier"),
    notes: value("notes"),
    storeAccountId: value("store_account_id"),
    region: value("region"),
    idField: value("id_field"),
    secretField: value("secret_field"),
    secretParameter: value("secret_parameter"),
  });
  if (!location.success) problems.push(...issuesOf("", location.error));
  if (problems.length > 0 || !location.success) return problems;
  return { line: record.line, accessKeyId, userName, ...location.data };
}

function identityOf(row: ParsedLocationRow, owner: string): string {
  return JSON.stringify([owner, row.kind, row.system, row.environment, row.identifier]);
}

/**
 * Parses an uploaded locations CSV. Blank lines, lines of only commas and unknown columns are ignored;
 * header names are matched case-insensitively; a "notes" column is optional. Rows with problems are
 * reported by line and left out of `rows`, so callers must check `errors` and import all or nothing.
 */
export function parseLocationsCsv(text: string): { rows: ParsedLocationRow[]; errors: CsvRowError[] } {
  // CRLF → LF keeps one line break per physical line, so line numbers are unchanged.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const records = readRecords(normalised).filter((record) => record.fields.some((field) => field.trim() !== ""));
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) {
    const message = `the file is empty: expected a header row ${LOCATIONS_CSV_HEADER.join(",")}`;
    return { rows: [], errors: [{ line: 1, message }] };
  }
  const header = readHeader(headerRecord.fields);
  if (header.error) return { rows: [], errors: [{ line: headerRecord.line, message: header.error }] };

  const rows: ParsedLocationRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of dataRecords) {
    if (record.malformed) {
      errors.push({ line: record.line, message: `malformed CSV: ${record.malformed}` });
      continue;
    }
    const row = toRow(record, header.columns, headerRecord.fields.length);
    if (Array.isArray(row)) {
      errors.push({ line: record.line, message: row.join("; ") });
      continue;
    }
    const identity = identityOf(row, row.accessKeyId ?? `user:${row.userName?.toLowerCase()}`);
    const first = firstLineOf.get(identity);
    if (first !== undefined) {
      errors.push({ line: row.line, message: `duplicate of line ${first}` });
      continue;
    }
    firstLineOf.set(identity, row.line);
    rows.push(row);
  }
  return { rows, errors };
}

/**
 * Ties each parsed row to a key the dashboard knows. `lookup` is built by the caller from one query, so
 * this stays pure. IAM user names are unique regardless of case, so owners are compared that way.
 * Rows naming the same key in different ways (by id, by user) are caught here as duplicates.
 */
export function resolveLocationRows(
  rows: ParsedLocationRow[],
  lookup: LocationKeyLookup,
): { resolved: ResolvedLocationRow[]; errors: CsvRowError[] } {
  const resolved: ResolvedLocationRow[] = [];
  const errors: CsvRowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const owner = ownerOf(row, lookup);
    if (typeof owner === "string") {
      errors.push({ line: row.line, message: owner });
      continue;
    }
    // A location belongs to the user (it follows the user's key through rotations): two rows naming the same
    // place for one user are one location, whichever of the user's keys each names.
    const identity = identityOf(row, `${owner.accountId}/${owner.userName}`);
    const first = firstLineOf.get(identity);
    if (first !== undefined) {
      errors.push({ line: row.line, message: `duplicate of line ${first} (same user ${owner.userName} and place)` });
      continue;
    }
    firstLineOf.set(identity, row.line);
    resolved.push({ ...row, ...owner });
  }
  return { resolved, errors };
}

/** The key a row belongs to, or why it cannot be found. */
function ownerOf(row: ParsedLocationRow, lookup: LocationKeyLookup): KeyOwner | string {
  if (row.accessKeyId !== null) {
    const owner = lookup.byAccessKeyId(row.accessKeyId);
    if (!owner) return `unknown access key id ${row.accessKeyId}`;
    if (row.userName !== null && owner.userName.toLowerCase() !== row.userName.toLowerCase()) {
      return `access key id ${row.accessKeyId} belongs to user ${owner.userName}, not ${row.userName}`;
    }
    return owner;
  }
  const userName = row.userName ?? "";
  const owner = lookup.currentKeyOfUser(userName);
  if (owner === "ambiguous") return `user ${userName} has two keys: give access_key_id`;
  if (!owner) return `no access key found for user ${userName}: check the name or give access_key_id`;
  return owner;
}

/**
 * The registry as CSV for a spreadsheet or a later import: header first, RFC 4180 quoting, CRLF line
 * endings (RFC 4180's, and what Excel writes) with a final CRLF, no BOM (a download route that wants
 * Excel to detect UTF-8 may prepend "\uFEFF"; import strips it). Formula-like values are escaped, see
 * FORMULA_START.
 */
export function toLocationsCsv(rows: LocationExportRow[]): string {
  const withStores = rows.some((row) => row.store);
  const storeCells = (store: StoreInput | undefined) =>
    withStores ? [store?.accountId ?? "", store?.region ?? "", store?.idField ?? "", store?.secretField ?? "", store?.secretParameter ?? ""] : [];
  const data = rows.map((row) => [
    row.accessKeyId ?? "",
    row.userName,
    row.kind,
    row.system,
    row.environment,
    row.identifier,
    row.notes ?? "",
    ...storeCells(row.store),
  ]);
  const csv = Papa.unparse(
    { fields: withStores ? [...LOCATIONS_CSV_HEADER, ...LOCATIONS_CSV_STORE_COLUMNS] : [...LOCATIONS_CSV_HEADER], data },
    { delimiter: ",", newline: "\r\n", escapeFormulae: FORMULA_START },
  );
  return `${csv}\r\n`;
}
