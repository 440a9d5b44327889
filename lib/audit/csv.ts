import Papa from "papaparse";
import type { AuditEntry } from "../db/audit.ts";

// A leading = + - @ would be a formula in a spreadsheet: prefix it so the export stays data.
const defuse = (v: string | null | undefined) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ""));

/** The trail as CSV; `header: false` for the pages after the first of a streamed export. */
export function auditToCsv(rows: AuditEntry[], opts: { header?: boolean } = {}): string {
  return Papa.unparse(
    {
      // New columns go at the end, so scripts that read the first nine keep working.
      fields: ["at", "actor", "action", "result", "account_id", "user_name", "access_key_id", "message", "input", "actor_id", "actor_role", "request_id"],
      data: rows.map((r) => [
        r.at.toISOString(),
        defuse(r.actor),
        r.action,
        r.result,
        r.accountId ?? "",
        defuse(r.userName),
        r.accessKeyId ?? "",
        defuse(r.message),
        defuse(r.input),
        defuse(r.actorId),
        r.actorRole ?? "",
        r.requestId ?? "",
      ]),
    },
    { newline: "\r\n", header: opts.header ?? true },
  );
}
