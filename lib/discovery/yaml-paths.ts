// Which YAML path each line's value stands at, without a YAML library: a line-oriented reading that
// tracks indentation, block sequences and block scalars. Enough for hieradata (`govuk::apps::x::y: v`,
// eyaml's `DEC::PKCS7[...]!` blocks) and ordinary nested configuration; flow collections spanning
// lines and complex keys (`? key`) are not followed, their lines keep the enclosing path.
import { appendIndex, appendKey } from "./paths.ts";

type Entry = { indent: number; path: string; seqIndex?: number };

// A mapping key: double-quoted, single-quoted or plain, then a colon followed by space or the line end.
// Plain keys may contain colons (`govuk::apps::support::aws_access_key_id`), so the match is lazy.
const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{}[\],&*!|>%@`][^#]*?))[ \t]*:(?=\s|$)/;
const BLOCK_SCALAR = /^(?:[&!]\S*\s+)*[|>][-+0-9]*\s*(?:#.*)?$/;
const SEQUENCE_ITEM = /^-(?:[ \t]+|$)/;
const MAX_KEY_LINE = 1024;

function keyOf(m: RegExpExecArray): string {
  if (m[1] !== undefined) {
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return m[1];
    }
  }
  if (m[2] !== undefined) return m[2].replace(/''/g, "'");
  return m[3];
}

/** The key path of each line (index 0 = line 1), or null where no key encloses the line. */
export function yamlLinePaths(lines: string[]): Array<string | null> {
  const paths: Array<string | null> = [];
  let stack: Entry[] = [];
  let block: { indent: number; path: string } | null = null;
  const top = () => stack[stack.length - 1];

  for (const line of lines) {
    const content0 = line.trimStart();
    const indent = line.length - content0.length;
    if (block && (content0 === "" || indent > block.indent)) {
      paths.push(block.path);
      continue;
    }
    block = null;
    if (content0 === "" || content0.startsWith("#") || content0.startsWith("%")) {
      paths.push(null);
      continue;
    }
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(content0)) {
      stack = [];
      paths.push(null);
      continue;
    }

    let content = content0;
    let column = indent;
    let item = false;
    for (let m = SEQUENCE_ITEM.exec(content); m; m = SEQUENCE_ITEM.exec(content)) {
      let previous: Entry | undefined;
      while (stack.length && (top().indent > column || (top().indent === column && top().seqIndex !== undefined))) {
        previous = stack.pop();
      }
      const index = previous && previous.indent === column && previous.seqIndex !== undefined ? previous.seqIndex + 1 : 0;
      stack.push({ indent: column, path: appendIndex(top()?.path ?? "", index), seqIndex: index });
      column += m[0].length;
      content = content.slice(m[0].length);
      item = true;
    }

    // Keys are short; bounding the text the lazy KEY pattern tries keeps a pathological line cheap.
    const key = content ? KEY.exec(content.slice(0, MAX_KEY_LINE)) : null;
    if (key) {
      while (stack.length && top().indent >= column) stack.pop();
      const path = appendKey(top()?.path ?? "", keyOf(key));
      stack.push({ indent: column, path });
      if (BLOCK_SCALAR.test(content.slice(key[0].length).trim())) block = { indent: column, path };
      paths.push(path);
    } else if (item || (stack.length && top().indent < column)) {
      // A sequence item's scalar, or the continuation of a value that spans lines.
      paths.push(top()?.path ?? null);
    } else {
      paths.push(null);
    }
  }
  return paths;
}
