// `keyrotate migrate`: `prisma migrate deploy` with the config of the provider DATABASE_URL names.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { debugEnabled, env } from "../env.ts";
import { databaseProvider } from "../db/url.ts";
import { KeyrotateError } from "../errors.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function runMigrations(): void {
  const url = env().DATABASE_URL;
  const provider = databaseProvider(url);
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const out = spawnSync(
    process.execPath,
    [prismaCli, "migrate", "deploy", "--config", join(root, "prisma", `${provider}.config.ts`)],
    { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
  );
  const text = `${out.stdout ?? ""}${out.stderr ?? ""}`;
  if (out.status !== 0) {
    const reason = text.split("\n").find((l) => /^Error|error:|P\d{4}/.test(l)) ?? "see above";
    if (debugEnabled()) console.error(text);
    throw new KeyrotateError("database-unreachable", `Migrations failed on ${provider}: ${reason.trim()}`);
  }
  const applied = text.match(/The following migration\(s\) have been applied:[\s\S]*?(?=\n\n[A-Z]|$)/)?.[0];
  console.log(applied ? `Applied migrations to ${provider}.` : `Database (${provider}) is up to date.`);
}
