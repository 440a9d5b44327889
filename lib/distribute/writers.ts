import "server-only";
// Which writer serves which kind; the app reaches each store's account the way it reaches its IAM.
import { secretStoresFor } from "../accounts/registry.ts";
import { KeyrotateError } from "../errors.ts";
import type { LocationRecord } from "../db/locations.ts";
import { secretsManagerWriter } from "./secrets-manager-writer.ts";
import { ssmParameterWriter } from "./ssm-parameter-writer.ts";
import { isStoreKind, type StoreKind } from "./store.ts";
import type { SecretWriter, StoreAccess, StoreLocation } from "./writer.ts";

export function storeAccessFor(who: string): StoreAccess {
  return (accountId, region) => secretStoresFor(accountId, region, who);
}

export function writerFor(kind: StoreKind, access: StoreAccess): SecretWriter {
  return kind === "aws-secrets-manager" ? secretsManagerWriter(access) : ssmParameterWriter(access);
}

/** The location as a writer sees it, or null for kinds people update by hand. */
export function storeLocationOf(location: Pick<LocationRecord, "id" | "kind" | "identifier" | "store">): StoreLocation | null {
  if (!isStoreKind(location.kind)) return null;
  if (!location.store) throw new KeyrotateError("invalid-input", `Location ${location.identifier} has no store recorded: edit it and give its region.`);
  return { id: location.id, kind: location.kind, identifier: location.identifier, store: location.store };
}
