// `keyrotate locations import|export`: the where-used registry as CSV, the same rules as the import page.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import { exportLocationsCsv, importLocationsCsv, MAX_IMPORT_BYTES } from "../locations/registry.ts";
import { withDb } from "./output.ts";
import { cliActor } from "./actor.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function readCsv(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new KeyrotateError("invalid-input", `Cannot read ${file} (${reason}).`, { cause: error });
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new KeyrotateError("invalid-input", `${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files.`);
  }
  try {
    // Strict, so a spreadsheet's Windows-1252 "CSV" is refused instead of imported with mangled letters.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new KeyrotateError("invalid-input", `${file} is not UTF-8 text: save it as "CSV UTF-8".`, { cause: error });
  }
}

/** Imports every row of the file or, when any row is bad, prints each problem and writes nothing. */
export async function importLocationsFile(file: string): Promise<void> {
  const text = await readCsv(file);
  await withDb(async () => {
    const actor = await cliActor();
    const input = { file: basename(file) };
    const result = await importLocationsCsv(text, { commit: true, actor: actor.actor });
    if (result.errors.length > 0) {
      for (const e of result.errors) console.error(`line ${e.line}: ${e.message}`);
      const lines = plural(result.errors.length, "line has a problem", "lines have problems");
      const message = `${lines}: nothing was imported from ${file}.`;
      await appendAudit({ ...actor, action: "location.import", input: { ...input, rows: result.rows.length, problems: result.errors.length }, result: "error", message });
      throw new KeyrotateError("invalid-input", message);
    }
    const { created, updated, unchanged } = result.counts ?? { created: 0, updated: 0, unchanged: 0 };
    const message = `Imported ${plural(result.rows.length, "row")}: ${created} new, ${updated} updated, ${unchanged} unchanged.`;
    if (result.committed) {
      await appendAudit({ ...actor, action: "location.import", input: { ...input, rows: result.rows.length }, result: "ok", message });
    }
    console.log(message);
  });
}

/** The whole registry as CSV on stdout, header first: `keyrotate locations export > locations.csv`. */
export async function exportLocations(): Promise<void> {
  await withDb(async () => {
    process.stdout.write(await exportLocationsCsv());
  });
}
