import "server-only";
// A store location is checked when it is recorded: the secret or parameters exist and keyrotate can reach and
// read them (a refusal names the missing permission). Write permission shows on the first write: neither
// service offers a dry run of PutSecretValue or PutParameter.
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { isStoreKind, type StoreInput } from "./store.ts";
import { storeAccessFor, writerFor } from "./writers.ts";
import type { StoreAccess } from "./writer.ts";

export async function validateStoreLocation(
  location: { kind: string; identifier: string; store?: StoreInput },
  ownerAccountId: string,
  access: StoreAccess = storeAccessFor("cli"),
): Promise<void> {
  if (!isStoreKind(location.kind) || !location.store) return;
  const store = { ...location.store, accountId: location.store.accountId ?? ownerAccountId };
  try {
    await writerFor(location.kind, access).validate({ id: "", kind: location.kind, identifier: location.identifier, store });
  } catch (error) {
    if (error instanceof KeyrotateError) throw new KeyrotateError(error.code === "internal" ? "invalid-input" : error.code, `keyrotate cannot use this location: ${error.userMessage}`, { cause: error });
    throw new KeyrotateError("invalid-input", `keyrotate cannot use this location: ${userMessageOf(error)}`, { cause: error });
  }
}
