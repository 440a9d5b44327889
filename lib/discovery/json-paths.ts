// Which JSON path each string in a document stands at, with its character offsets in the text, so an
// access key id found by offset maps to `a.b[0].c` and its line. Only called on text JSON.parse accepted,
// so the tokenizer can assume well-formed input.
import { appendIndex, appendKey } from "./paths.ts";

export type StringSpan = { start: number; end: number; path: string };

type Frame = { kind: "object"; key: string | null; expectKey: boolean } | { kind: "array"; index: number };

function pathOf(frames: Frame[]): string {
  let path = "";
  for (const f of frames) {
    if (f.kind === "array") path = appendIndex(path, f.index);
    else if (f.key !== null) path = appendKey(path, f.key);
  }
  return path;
}

/** Offset just past the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** Every string (keys included) with the path it stands at: a key's path is the member it names. */
export function jsonStringSpans(text: string): StringSpan[] {
  const spans: StringSpan[] = [];
  const frames: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '"') {
      const end = endOfString(text, i);
      if (top?.kind === "object" && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
      }
      spans.push({ start: i, end, path: pathOf(frames) });
      i = end;
      continue;
    }
    if (c === "{") frames.push({ kind: "object", key: null, expectKey: true });
    else if (c === "[") frames.push({ kind: "array", index: 0 });
    else if (c === "}" || c === "]") frames.pop();
    else if (c === "," && top?.kind === "object") top.expectKey = true;
    else if (c === "," && top?.kind === "array") top.index++;
    i++;
  }
  return spans;
}

/** The path of the string holding `offset`, or null when none does (or it is the top-level value). */
export function jsonPathAt(spans: StringSpan[], offset: number): string | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s.path || null;
  }
  return null;
}
