import "server-only";
// The where-used registry: the domain behind the key page, search, and CSV import/export.
import { findKey, listKeyOwners, type KeyOwnerRecord } from "../db/keys.ts";
import { createLocation, importLocations, listLocations, type ImportCounts, type LocationRecord } from "../db/locations.ts";
import { KeyrotateError } from "../errors.ts";
import { assertManaged, scopeConfigFromEnv } from "../auth/scope-config.ts";
import { scopeOf } from "../auth/scope.ts";
import { parseLocationsCsv, resolveLocationRows, toLocationsCsv, type CsvRowError, type ResolvedLocationRow } from "./csv.ts";
import type { LocationInput } from "./schema.ts";
import { serializeStore } from "../distribute/store.ts";
import { validateStoreLocation } from "../distribute/validate.ts";
import { storeAccessFor } from "../distribute/writers.ts";

export async function addLocationToKey(accessKeyId: string, input: LocationInput, actor: string): Promise<LocationRecord> {
  const key = await findKey(accessKeyId);
  if (!key) throw new KeyrotateError("not-found", `No live key ${accessKeyId}: sync, or check the id.`);
  await assertManaged({ accountId: key.accountId, userName: key.userName, path: key.userPath, tags: key.userTags }, { iam: false });
  await validateStoreLocation(input, key.accountId, storeAccessFor(actor));
  return createLocation({ accountId: key.accountId, iamUserId: key.iamUserId, accessKeyId }, input, actor);
}

function lookupFrom(owners: KeyOwnerRecord[]) {
  const byKey = new Map(owners.map((o) => [o.accessKeyId, o]));
  const byUser = new Map<string, KeyOwnerRecord[]>();
  for (const o of owners) {
    const name = o.userName.toLowerCase();
    byUser.set(name, [...(byUser.get(name) ?? []), o]);
  }
  return {
    byKey,
    lookup: {
      byAccessKeyId: (id: string) => byKey.get(id),
      currentKeyOfUser: (name: string) => {
        const keys = byUser.get(name.toLowerCase()) ?? [];
        return keys.length > 1 ? ("ambiguous" as const) : keys[0];
      },
    },
  };
}

export type ImportPreview = {
  rows: ResolvedLocationRow[];
  errors: CsvRowError[];
};

export type ImportResult = ImportPreview & { committed: boolean; counts: ImportCounts | null };

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Parses and checks a CSV against the live keys; with `commit`, writes every row or none. */
export async function importLocationsCsv(text: string, opts: { commit: boolean; actor: string }): Promise<ImportResult> {
  if (text.length > MAX_IMPORT_BYTES) {
    throw new KeyrotateError("invalid-input", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  const parsed = parseLocationsCsv(text);
  const { byKey, lookup } = lookupFrom(await listKeyOwners());
  const resolved = resolveLocationRows(parsed.rows, lookup);
  // Rows of users keyrotate does not manage are refused like any other bad row: all rows or none.
  const scope = scopeConfigFromEnv(null);
  const outOfScope: CsvRowError[] = [];
  resolved.resolved = resolved.resolved.filter((r) => {
    const o = byKey.get(r.accessKeyId)!;
    const verdict = scopeOf({ accountId: o.accountId, userName: o.userName, path: o.userPath, tags: o.userTags }, scope);
    if (!verdict.managed) outOfScope.push({ line: r.line, message: `keyrotate does not change ${o.userName}: ${verdict.reason}` });
    return verdict.managed;
  });
  const unusable = await checkStores(resolved.resolved, opts.actor);
  const errors = [...parsed.errors, ...resolved.errors, ...outOfScope, ...unusable].sort((a, b) => a.line - b.line);
  if (!opts.commit || errors.length > 0 || resolved.resolved.length === 0) {
    return { rows: resolved.resolved, errors, committed: false, counts: null };
  }
  const counts = await importLocations(
    resolved.resolved.map((r) => ({
      accountId: r.accountId,
      iamUserId: byKey.get(r.accessKeyId)!.iamUserId,
      accessKeyId: r.accessKeyId,
      kind: r.kind,
      system: r.system,
      environment: r.environment,
      identifier: r.identifier,
      notes: r.notes,
      store: serializeStore(r.store ?? null, r.accountId),
    })),
    opts.actor,
  );
  return { rows: resolved.resolved, errors, committed: true, counts };
}

/** Store rows must name a secret or parameters keyrotate can reach, like one recorded in the form. */
async function checkStores(rows: ResolvedLocationRow[], actor: string): Promise<CsvRowError[]> {
  const errors: CsvRowError[] = [];
  const access = storeAccessFor(actor);
  for (const row of rows.filter((r) => r.store)) {
    try {
      await validateStoreLocation(row, row.accountId, access);
    } catch (error) {
      errors.push({ line: row.line, message: error instanceof KeyrotateError ? error.userMessage : String(error) });
    }
  }
  return errors;
}

export async function exportLocationsCsv(): Promise<string> {
  const rows = await listLocations();
  return toLocationsCsv(
    rows.map((l) => ({
      accessKeyId: l.accessKeyId,
      userName: l.userName,
      kind: l.kind,
      system: l.system,
      environment: l.environment,
      identifier: l.identifier,
      notes: l.notes,
      ...(l.store ? { store: l.store } : {}),
    })),
  );
}
