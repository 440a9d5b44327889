import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { readSources, STDIN_LABEL, type ReadOptions, type Source } from "./walk.ts";

let dir = "";

function put(path: string, content: string | Uint8Array) {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), content);
}

async function all(paths: string[], opts?: ReadOptions): Promise<Source[]> {
  const out: Source[] = [];
  for await (const source of readSources(paths, opts)) out.push(source);
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "keyrotate-walk-"));
  put("repo/puppet/hieradata/staging.yaml", "a: 1\n");
  put("repo/puppet/hieradata/production.yaml", "b: 2\n");
  put("repo/.env", "C=3\n");
  put("repo/.git/config", "[core]\n");
  put("repo/node_modules/pkg/index.js", "x\n");
  put("repo/puppet/.git/HEAD", "ref\n");
  put("repo/logo.png", Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n\0\0"), Buffer.from("AKIAIOSFODNN7EXAMPLE")]));
  put("repo/late-nul.txt", `${"x".repeat(9000)}\0`);
  put("repo/big.log", "y".repeat(2000));
  put("repo/latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  symlinkSync(join(dir, "repo/puppet"), join(dir, "repo/zz-loop"));
  symlinkSync(join(dir, "repo/.env"), join(dir, "repo/zz-env-link"));
  symlinkSync(join(dir, "nowhere"), join(dir, "repo/zz-broken"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("readSources", () => {
  it("walks a folder in name order, labels files relative to it, and skips .git, node_modules, binaries and big files", async () => {
    const found = await all([join(dir, "repo")], { maxBytes: 1000 });
    expect(found).toEqual([
      { label: ".env", text: "C=3\n" },
      { label: "big.log", skipped: "larger than 1000 bytes" },
      { label: "late-nul.txt", skipped: "larger than 1000 bytes" },
      { label: "latin1.txt", text: "caf\uFFFD\n" },
      { label: "logo.png", skipped: "binary" },
      { label: "puppet/hieradata/production.yaml", text: "b: 2\n" },
      { label: "puppet/hieradata/staging.yaml", text: "a: 1\n" },
      { label: "zz-broken", skipped: "a broken link" },
      { label: "zz-env-link", text: "C=3\n" },
      { label: "zz-loop", skipped: "a link to a folder, not followed" },
    ]);
  });

  it("looks for a NUL byte in the first 8 KB only (a later NUL is text)", async () => {
    const found = await all([join(dir, "repo/late-nul.txt"), join(dir, "repo/big.log")]);
    expect(found.map((s) => ("text" in s ? s.text.length : s.skipped))).toEqual([9001, 2000]);
  });

  it("labels a file given directly as given, and reads standard input for -", async () => {
    const file = join(dir, "repo/.env");
    const stdin = Readable.from([Buffer.from("govuk::x: "), "AKIAIOSFODNN7EXAMPLE\n"]);
    expect(await all([file, "-"], { stdin })).toEqual([
      { label: file, text: "C=3\n" },
      { label: STDIN_LABEL, text: "govuk::x: AKIAIOSFODNN7EXAMPLE\n" },
    ]);
  });

  it("skips standard input over the cap, or binary", async () => {
    expect(await all(["-"], { stdin: Readable.from(["a".repeat(600), "b".repeat(600)]), maxBytes: 1000 })).toEqual([
      { label: STDIN_LABEL, skipped: "larger than 1000 bytes" },
    ]);
    expect(await all(["-"], { stdin: Readable.from([Buffer.from([1, 0, 2])]) })).toEqual([{ label: STDIN_LABEL, skipped: "binary" }]);
  });

  it("fails on a missing path before reading anything, and on - given twice", async () => {
    const missing = join(dir, "missing");
    const err = await all([join(dir, "repo/.env"), missing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyrotateError);
    expect((err as KeyrotateError).userMessage).toBe(`Cannot read ${missing} (ENOENT).`);
    await expect(all(["-", "-"], { stdin: Readable.from([]) })).rejects.toThrow("only once");
  });
});
