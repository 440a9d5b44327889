// CSV import and search at scale, on the benchmark's database.
import type { SeedUser } from "../lib/testing/moto/seed.ts";

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await fn();
  console.log(`  ${label.padEnd(52)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s`);
  return out;
}

export async function measureRegistry(users: SeedUser[], rowCount: number): Promise<void> {
  const { importLocationsCsv } = await import("../lib/locations/registry.ts");
  const { searchRegistry } = await import("../lib/locations/search.ts");
  console.log(`\nwhere-used registry, ${rowCount} CSV rows:`);
  const csv = ["access_key_id,user_name,kind,system,environment,identifier,notes"];
  // Users with one key could be named without a key id; here every user has two, so rows name the key.
  const { listKeyOwners } = await import("../lib/db/keys.ts");
  const owners = await listKeyOwners();
  for (let i = 0; i < rowCount; i++) {
    const o = owners[i % owners.length];
    csv.push(`${o.accessKeyId},,secrets-repo,govuk-secrets/puppet,env-${Math.floor(i / owners.length)},govuk::apps::${o.accessKeyId.toLowerCase()}::aws_access_key_id,`);
  }
  const text = csv.join("\n");
  const imported = await time(`import ${rowCount} rows (parse, check, write all)`, () => importLocationsCsv(text, { commit: true, actor: "bench" }));
  if (imported.errors.length) throw new Error(`bench CSV had errors: ${imported.errors[0].message}`);
  await time("re-import the same file (changes nothing)", () => importLocationsCsv(text, { commit: true, actor: "bench" }));
  await time(`search "${users[42 % users.length].userName}"`, () => searchRegistry(users[42 % users.length].userName));
}
