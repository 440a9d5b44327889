import "server-only";
// Changes to one location, made from the page of the key it belongs to. The page names that key: a
// location that has since moved to another key (a rotation carries locations on) is refused, so nobody
// edits or removes something other than what they were looking at, and the audit names the right key.
import { confirmLocation, deleteLocation, getLocation, updateLocation, type LocationRecord } from "../db/locations.ts";
import { KeyrotateError } from "../errors.ts";
import { assertManaged } from "../auth/scope-config.ts";
import { findStoredUser } from "../db/users.ts";
import type { LocationInput } from "./schema.ts";
import { validateStoreLocation } from "../distribute/validate.ts";
import { storeAccessFor } from "../distribute/writers.ts";

async function locationOfKey(accessKeyId: string, id: string): Promise<LocationRecord> {
  const location = await getLocation(id);
  if (!location) throw new KeyrotateError("not-found", "That location no longer exists: someone may have removed it.");
  if (location.accessKeyId !== accessKeyId) {
    const owner = location.accessKeyId ? `key ${location.accessKeyId}` : "no key";
    throw new KeyrotateError("conflict", `That location now belongs to ${owner}: reload the page.`);
  }
  const user = await findStoredUser(location.iamUserId);
  if (user) await assertManaged(user, { iam: false });
  return location;
}

export async function editLocationOfKey(accessKeyId: string, id: string, input: LocationInput, actor: string): Promise<LocationRecord> {
  const location = await locationOfKey(accessKeyId, id);
  await validateStoreLocation(input, location.accountId, storeAccessFor(actor));
  return updateLocation(id, input, actor);
}

export async function confirmLocationOfKey(accessKeyId: string, id: string, actor: string): Promise<LocationRecord> {
  await locationOfKey(accessKeyId, id);
  return confirmLocation(id, actor);
}

export async function removeLocationOfKey(accessKeyId: string, id: string): Promise<LocationRecord> {
  await locationOfKey(accessKeyId, id);
  return deleteLocation(id);
}
