// A file uploaded (or text pasted) on the import page, scanned like the CLI scans a file: what its name
// may be, and how large it may be. The text is read in memory and dropped once scanned.
import { z } from "zod";
import { accessKeyIdSchema } from "../iam/schemas.ts";
import { MAX_FILE_BYTES } from "./walk.ts";

export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES;
export const PASTED_LABEL = "(pasted text)";
const MAX_LABEL = 200;

/**
 * The label findings carry: the file's own name without any folder, single-line and short (it becomes
 * `name:line` where an id stands under no name). The name also picks the format, as in the CLI.
 */
export function uploadLabel(name: string | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const flat = base.replace(/\p{Cc}+/gu, " ").trim().slice(0, MAX_LABEL);
  return flat || PASTED_LABEL;
}

/** What the browser sends back to record: ids and names the server found, and whether each is ticked. */
export const discoveredOccurrencesSchema = z
  .array(
    z.object({
      accessKeyId: accessKeyIdSchema,
      identifier: z.string().min(1).max(300),
      file: z.string().min(1).max(MAX_LABEL),
      line: z.number().int().min(1),
      record: z.boolean(),
    }),
  )
  .max(10_000, "Too many occurrences in one run.");
