// Derives one schema per provider from prisma/models.prisma. Prisma 6.19 cannot take the provider
// from the environment, and its JS schema engine needs a literal datasource url (unused: the
// driver adapter connects). `--check` exits 1 when a derived file is stale (run by `npm test` and `npm run db:generate`).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const providers = {
  sqlite: "file:./unused.db",
  postgresql: "postgresql://unused@127.0.0.1/unused",
};

export function deriveSchema(provider) {
  const models = readFileSync(join(here, "models.prisma"), "utf8");
  return `// GENERATED from prisma/models.prisma by prisma/derive-schemas.mjs: edit that file, not this one.

generator client {
  provider   = "prisma-client"
  output     = "../../lib/db/generated/${provider}"
  engineType = "client"
}

datasource db {
  provider = "${provider}"
  url      = "${providers[provider]}"
}

${models}`;
}

export function schemaPath(provider) {
  return join(here, provider, "schema.prisma");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = false;
  for (const provider of Object.keys(providers)) {
    const wanted = deriveSchema(provider);
    let current = "";
    try {
      current = readFileSync(schemaPath(provider), "utf8");
    } catch {}
    if (current === wanted) continue;
    if (check) {
      console.error(`${schemaPath(provider)} is stale: run npm run db:schemas`);
      stale = true;
    } else {
      mkdirSync(dirname(schemaPath(provider)), { recursive: true });
      writeFileSync(schemaPath(provider), wanted);
      console.log(`wrote ${schemaPath(provider)}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
