// Finds AWS access key ids in the text of a secrets file and the name each stands under. Pure: no I/O.
// Only ids and names ever leave this module, never the values beside them: a file that holds an id
// usually holds its secret access key on the next line.
import { jsonPathAt, jsonStringSpans } from "./json-paths.ts";
import { yamlLinePaths } from "./yaml-paths.ts";

export type Occurrence = {
  accessKeyId: string;
  /** The hieradata key, dotted path, or variable name the id stands under; else `file:line`. */
  identifier: string;
  file: string;
  /** 1-based. */
  line: number;
};

// Long-term (AKIA) and temporary (ASIA) key ids: 4 + 16 characters, not part of a longer word.
export const ACCESS_KEY_ID = /(?<![A-Za-z0-9_])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9_])/g;

// `NAME=value` in .env files and shell scripts, with an optional `export`.
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/;

type Format = "json" | "yaml" | "lines";

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // The parser's message quotes the text, which may hold secrets: it is never kept.
    return false;
  }
}

function looksLikeYaml(lines: string[]): boolean {
  const first = lines.find((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  return first !== undefined && /^(?:---(?:\s|$)|%YAML|"[^"]*"\s*:(?:\s|$)|'[^']*'\s*:(?:\s|$)|[^\s#=:'"-][^\s=]*?:(?:\s|$))/.test(first);
}

function formatOf(file: string, text: string, lines: string[]): Format {
  const name = file.split(/[\\/]/).pop()!.toLowerCase();
  if (name.endsWith(".json")) return parsesAsJson(text) ? "json" : "lines";
  if (/\.(?:ya?ml|eyaml)$/.test(name)) return "yaml";
  if (/^\.env(?:\..*)?$|\.env$|^\.envrc$|\.(?:sh|bash|zsh|ksh)$/.test(name)) return "lines";
  if (/^\s*[{[]/.test(text) && parsesAsJson(text)) return "json";
  return looksLikeYaml(lines) ? "yaml" : "lines";
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset`. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Every access key id in `text`, in order, with the name it stands under. `file` labels the results. */
export function scanText(text: string, file: string): Occurrence[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const matches = [...body.matchAll(ACCESS_KEY_ID)];
  if (matches.length === 0) return [];

  const starts = lineStarts(body);
  const lines = starts.map((s, i) => body.slice(s, i + 1 < starts.length ? starts[i + 1] - 1 : body.length).replace(/\r$/, ""));
  const format = formatOf(file, body, lines);
  const spans = format === "json" ? jsonStringSpans(body) : [];
  const yamlPaths = format === "yaml" ? yamlLinePaths(lines) : [];

  return matches.map((m) => {
    const line = lineAt(starts, m.index);
    const name =
      format === "json" ? jsonPathAt(spans, m.index)
      : format === "yaml" ? yamlPaths[line - 1]
      : (ASSIGNMENT.exec(lines[line - 1])?.[1] ?? null);
    return { accessKeyId: m[0], identifier: name ?? `${file}:${line}`, file, line };
  });
}
