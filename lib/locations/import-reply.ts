// What the import page is told about an upload: a preview of the rows, every problem by line, and what
// a commit changed. Trimmed, because a 5 MB file holds tens of thousands of rows and the page needs a look.
import type { ImportCounts } from "../db/locations.ts";
import type { CsvRowError, ResolvedLocationRow } from "./csv.ts";
import type { ImportResult } from "./registry.ts";

export const PREVIEW_ROWS = 200;
export const LISTED_ERRORS = 500;

export type PreviewRow = Pick<
  ResolvedLocationRow,
  "line" | "accessKeyId" | "userName" | "kind" | "system" | "environment" | "identifier" | "notes"
>;

export type ImportReply = {
  committed: boolean;
  counts: ImportCounts | null;
  rowCount: number;
  rows: PreviewRow[];
  errorCount: number;
  errors: CsvRowError[];
};

export function toImportReply(result: ImportResult): ImportReply {
  return {
    committed: result.committed,
    counts: result.counts,
    rowCount: result.rows.length,
    rows: result.rows.slice(0, PREVIEW_ROWS).map(({ line, accessKeyId, userName, kind, system, environment, identifier, notes }) => ({
      line,
      accessKeyId,
      userName,
      kind,
      system,
      environment,
      identifier,
      notes,
    })),
    errorCount: result.errors.length,
    errors: result.errors.slice(0, LISTED_ERRORS),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one-line outcome, for the page and the audit record alike. */
export function importMessage(result: ImportResult, commit: boolean): string {
  if (result.committed && result.counts) {
    const { created, updated, unchanged } = result.counts;
    return `Imported: ${created} new, ${updated} updated, ${unchanged} unchanged.`;
  }
  if (result.errors.length > 0) {
    return `${plural(result.errors.length, "problem")} found: nothing was imported. Fix the file and preview it again.`;
  }
  if (result.rows.length === 0) return "The file has no rows to import.";
  return commit ? "Nothing was imported." : `${plural(result.rows.length, "row")} ready to import. Nothing has been written yet.`;
}
