import "server-only";
// A key's owner: its IAM user's, as the dashboard or the user's tags say. Set and cleared per user from the key page.
import { clearOwner, findOwner, ownersByUser, saveOwner } from "../db/owners.ts";
import { listKeyOwners, type StoredKey } from "../db/keys.ts";
import { env } from "../env.ts";
import { publicKeyRow } from "../inventory/key-query.ts";
import type { KeyRow } from "../inventory/key-rows.ts";
import { resolveOwner, type Owner } from "./resolve.ts";
import type { OwnerInput } from "./schema.ts";

export function ownerTagKeys() {
  const e = env();
  return { ownerTag: e.KEYROTATE_OWNER_TAG, contactTag: e.KEYROTATE_CONTACT_TAG };
}

export async function ownerOfKey(key: Pick<StoredKey, "accountId" | "userName" | "userTags">): Promise<Owner | null> {
  return resolveOwner(await findOwner(key.accountId, key.userName), key.userTags, ownerTagKeys());
}

export type OwnerChange = { key: StoredKey; cleared: boolean; owner: Owner | null };

export async function setOwnerOfKey(key: StoredKey, input: OwnerInput, actor: string): Promise<OwnerChange> {
  const team = input.team ?? null;
  const contact = input.contact ?? null;
  if (!team && !contact) {
    await clearOwner(key.accountId, key.userName);
    return { key, cleared: true, owner: await ownerOfKey(key) };
  }
  await saveOwner(key.accountId, key.userName, { team, contact }, actor);
  return { key, cleared: false, owner: { team, contact, source: "dashboard" } };
}

/** The owner of every live key, by access key id: two queries, for lists. */
export async function ownersOfKeys(): Promise<Map<string, Owner | null>> {
  const [keys, owners] = await Promise.all([listKeyOwners(), ownersByUser()]);
  const tags = ownerTagKeys();
  return new Map(keys.map((k) => [k.accessKeyId, resolveOwner(owners.get(k.accountId, k.userName), k.userTags, tags)]));
}

export type OwnedKeyRow = KeyRow & { owner: string | null; ownerContact: string | null };

/** One object of `keyrotate keys --json` and of GET /api/v1/keys: the documented key fields and the owner. */
export function withOwner(row: KeyRow, owners: Map<string, Owner | null>): OwnedKeyRow {
  const owner = owners.get(row.accessKeyId);
  return { ...publicKeyRow(row), owner: owner?.team ?? null, ownerContact: owner?.contact ?? null };
}
