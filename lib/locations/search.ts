import "server-only";
// The runbook's "search for the Access Key ID": one box for a key id (whole or prefix), a user, a
// system, a hieradata key or any note. The registry is small (thousands of rows), so it is filtered
// in memory, which also gives the same case-insensitive matching on SQLite and PostgreSQL.
import { listKeys, type StoredKey } from "../db/keys.ts";
import { listLocations, type LocationRecord } from "../db/locations.ts";

export type SearchResults = { query: string; keys: StoredKey[]; locations: LocationRecord[] };

export const MAX_QUERY_LENGTH = 200;

export async function searchRegistry(raw: string): Promise<SearchResults> {
  const query = raw.trim().slice(0, MAX_QUERY_LENGTH);
  if (!query) return { query, keys: [], locations: [] };
  const q = query.toLowerCase();
  const [keys, locations] = await Promise.all([listKeys(), listLocations()]);
  const matchedLocations = locations.filter((l) =>
    [l.system, l.environment, l.identifier, l.notes ?? "", l.userName, l.accessKeyId ?? "", l.kind].some((f) =>
      f.toLowerCase().includes(q),
    ),
  );
  const keyIds = new Set(matchedLocations.map((l) => l.accessKeyId));
  const matchedKeys = keys.filter(
    (k) => k.accessKeyId.toLowerCase().startsWith(q) || k.userName.toLowerCase().includes(q) || keyIds.has(k.accessKeyId),
  );
  return { query, keys: matchedKeys, locations: matchedLocations };
}
