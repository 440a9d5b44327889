// Reads the files `keyrotate locations discover` scans: files, folders walked recursively, or `-` for
// standard input. Yields one file at a time so a large repository is never held in memory at once.
import { opendir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { KeyrotateError } from "../errors.ts";

export type Source = { label: string; text: string } | { label: string; skipped: string };

export const STDIN = "-";
export const STDIN_LABEL = "(stdin)";
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Folders that hold history or dependencies, not configuration: never entered. */
export const SKIPPED_FOLDERS: readonly string[] = [".git", "node_modules"];
// Git's own test for a binary file: a NUL byte near the start.
const BINARY_SNIFF_BYTES = 8 * 1024;

export type ReadOptions = {
  /** Where `-` reads from; process.stdin by default. */
  stdin?: AsyncIterable<Uint8Array | string>;
  maxBytes?: number;
};

function sizeLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}

function decode(bytes: Uint8Array, label: string, maxBytes: number): Source {
  if (bytes.length > maxBytes) return { label, skipped: `larger than ${sizeLimit(maxBytes)}` };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { label, skipped: "binary" };
  // Not fatal: an id is ASCII, so a stray Latin-1 byte elsewhere must not hide the file.
  return { label, text: new TextDecoder("utf-8").decode(bytes) };
}

async function readStdin(input: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Source> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
    total += bytes.length;
    // Keep draining so the writer is not killed by a closed pipe, but stop holding bytes past the cap.
    if (total <= maxBytes) chunks.push(bytes);
  }
  if (total > maxBytes) return { label: STDIN_LABEL, skipped: `larger than ${sizeLimit(maxBytes)}` };
  return decode(Buffer.concat(chunks), STDIN_LABEL, maxBytes);
}

async function readOne(path: string, label: string, maxBytes: number): Promise<Source> {
  const info = await stat(path);
  if (info.size > maxBytes) return { label, skipped: `larger than ${sizeLimit(maxBytes)}` };
  return decode(await readFile(path), label, maxBytes);
}

async function* walkFolder(root: string, folder: string, maxBytes: number): AsyncGenerator<Source> {
  const entries = [];
  for await (const entry of await opendir(folder)) entries.push(entry);
  // Sorted, so the same tree always reports in the same order.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const label = relative(root, path).split(sep).join("/");
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.includes(entry.name)) yield* walkFolder(root, path, maxBytes);
    } else if (entry.isFile()) {
      yield await readOne(path, label, maxBytes);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) yield await readOne(path, label, maxBytes);
      // A link to a folder could loop back on itself, so it is not followed.
      else yield { label, skipped: target?.isDirectory() ? "a link to a folder, not followed" : "a broken link" };
    } else {
      yield { label, skipped: "not a regular file" };
    }
  }
}

async function kindOf(path: string): Promise<"file" | "folder" | "other"> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "folder" : info.isFile() ? "file" : "other";
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new KeyrotateError("invalid-input", `Cannot read ${path} (${reason}).`, { cause: error });
  }
}

/**
 * Every file under `paths`, in order. A file is labelled as given; a file found in a folder, relative
 * to that folder; standard input, `(stdin)`. Binary files and files over the size cap are yielded as
 * skipped, with the reason. A path that does not exist fails before anything is read.
 */
export async function* readSources(paths: string[], opts: ReadOptions = {}): AsyncGenerator<Source> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  if (paths.filter((p) => p === STDIN).length > 1) {
    throw new KeyrotateError("invalid-input", "Standard input (-) can be read only once: give it once.");
  }
  const kinds = await Promise.all(paths.map((p) => (p === STDIN ? ("stdin" as const) : kindOf(p))));
  for (const [i, path] of paths.entries()) {
    const kind = kinds[i];
    if (kind === "stdin") yield await readStdin(opts.stdin ?? process.stdin, maxBytes);
    else if (kind === "folder") yield* walkFolder(path, path, maxBytes);
    else if (kind === "file") yield await readOne(path, path, maxBytes);
    else yield { label: path, skipped: "not a regular file" };
  }
}
