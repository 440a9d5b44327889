// The layers hold: lib never imports app, components, scripts or e2e; components never import scripts or
// e2e; and no local module imports itself back through a loop. Read from the source, so a new file is
// checked the moment it exists.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".tmp", "generated", ".git", "data"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Local imports of a file, as paths relative to the project root; type-only imports count too. */
function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith("@/")) out.push(spec.slice(2));
    else if (spec.startsWith(".")) out.push(relative(root, resolve(dirname(file), spec)));
  }
  return out;
}

const files = ["app", "components", "lib", "scripts", "e2e"].flatMap((d) => sources(join(root, d))).map((f) => relative(root, f));
const graph = new Map(files.map((f) => [f, localImports(join(root, f))]));
const layer = (path: string) => path.split("/")[0];

describe("layers", () => {
  it.each([
    ["lib", ["app", "components", "scripts", "e2e"]],
    ["components", ["scripts", "e2e"]],
    ["app", ["scripts", "e2e"]],
  ])("%s imports none of %j", (from, forbidden) => {
    const bad = [...graph].flatMap(([file, deps]) =>
      layer(file) === from ? deps.filter((d) => forbidden.includes(layer(d))).map((d) => `${file} -> ${d}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it("has no import loop", () => {
    const loops: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        loops.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const dep of graph.get(file) ?? []) if (graph.has(dep)) visit(dep, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(loops).toEqual([]);
  });

  it("reads the tree it checks", () => {
    // Guards the guard: a broken file walk or import pattern would make the checks above pass on nothing.
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get("lib/rotation/runner.ts")).toContain("lib/rotation/rules/index.ts");
  });
});
