// The seam for stores keyrotate writes a new key into itself. A writer knows one kind of location; the
// rotation rules only learn "written (version id)" or "failed (reason)". Further stores (GitHub Actions
// secrets, Kubernetes secrets, Vault) add a writer here and a kind in ./store.ts, nothing in the rules.
import type { NewSecret } from "../iam/types.ts";
import type { SecretStoresGateway } from "../iam/secret-stores.ts";
import type { StoreKind, StoreSpec } from "./store.ts";

/** What a writer needs of a location: never the secret, only where the store is. */
export type StoreLocation = { id: string; kind: StoreKind; identifier: string; store: StoreSpec };

/** Version ids (never values): what keyrotate wrote and what was current before, for a rollback. */
export type Written = { versionId: string; previousVersionId: string | null };

export type SecretWriter = {
  kind: StoreKind;
  /** Every permission the writer uses, for the README and for messages. */
  permissions: readonly string[];
  /** Refuses (KeyrotateError) when the store does not exist or keyrotate may not read it, naming the permission. */
  validate(location: StoreLocation): Promise<void>;
  write(location: StoreLocation, secret: Pick<NewSecret, "accessKeyId" | "secretAccessKey">): Promise<Written>;
  /** Makes `written.previousVersionId`'s value current again; refuses when the store changed since. */
  restore(location: StoreLocation, written: Written): Promise<{ versionId: string }>;
};

/** Secrets Manager and SSM in one region of an account (lib/accounts/registry.ts secretStoresFor in the app). */
export type StoreAccess = (accountId: string, region: string) => Promise<SecretStoresGateway>;
