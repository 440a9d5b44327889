// The inventory as CSV: the KeyRow fields in snake_case, flags joined with ";". Pure.
import Papa from "papaparse";
import type { KeyRow } from "./key-rows.ts";

// A leading = + - @ would be a formula in a spreadsheet (IAM user names may start with + = @ -): prefix it.
const defuse = (v: string | null) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ""));

export const KEY_CSV_FIELDS = [
  "account_id",
  "account_name",
  "user_name",
  "access_key_id",
  "status",
  "create_date",
  "age_days",
  "last_used_date",
  "last_used_service",
  "last_used_region",
  "flags",
] as const;

export function keysToCsv(rows: KeyRow[]): string {
  return Papa.unparse(
    {
      fields: [...KEY_CSV_FIELDS],
      data: rows.map((r) => [
        r.accountId,
        defuse(r.accountName),
        defuse(r.userName),
        r.accessKeyId,
        r.status,
        r.createDate,
        String(r.ageDays),
        r.lastUsedDate ?? "",
        defuse(r.lastUsedService),
        defuse(r.lastUsedRegion),
        r.flags.join(";"),
      ]),
    },
    { newline: "\r\n" },
  );
}
