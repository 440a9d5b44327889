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
  "exemptions",
  "owner",
  "owner_contact",
] as const;

/** A row of the export: the key and, as `keyrotate keys --json` gives them, its owner's team and contact. */
export type CsvKeyRow = KeyRow & { owner: string | null; ownerContact: string | null };

const exemptionText = (r: KeyRow) => r.exemptions.map((e) => `${e.flag} until ${e.expiresAt.slice(0, 10)} (${e.scope}): ${e.reason.replace(/\s+/g, " ")}`).join("; ");

export function keysToCsv(rows: CsvKeyRow[]): string {
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
        defuse(exemptionText(r)),
        defuse(r.owner),
        defuse(r.ownerContact),
      ]),
    },
    { newline: "\r\n" },
  );
}
