// Looks for secrets where they must never be: the database file, the server's log and .next/.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* files(path);
    else if (st.isFile()) yield path;
  }
}

/** Every file under the given paths that contains any of the secrets. */
export function findSecrets(paths: string[], secrets: string[]): string[] {
  const hits: string[] = [];
  const needles = secrets.map((s) => Buffer.from(s));
  for (const root of paths) {
    const list = statSync(root).isDirectory() ? [...files(root)] : [root];
    for (const file of list) {
      const content = readFileSync(file);
      if (needles.some((n) => content.includes(n))) hits.push(file);
    }
  }
  return hits;
}
