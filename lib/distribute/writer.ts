// The seam for stores keyrotate writes a new key into itself. A writer knows one kind of location; the
// rotation rules only learn "written (version id)" or "failed (reason)". Further stores (GitHub Actions
// secrets, Kubernetes secrets, Vault) add a writer here and a kind in ./store.ts, nothing in the rules.
import { KeyrotateError } from "../errors.ts";
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

/** A writer's operations, each handed the location's store already opened. */
type StoreOperations = {
  validate(store: SecretStoresGateway, location: StoreLocation): Promise<void>;
  write(store: SecretStoresGateway, location: StoreLocation, secret: Pick<NewSecret, "accessKeyId" | "secretAccessKey">): Promise<Written>;
  restore(store: SecretStoresGateway, location: StoreLocation, written: Written & { previousVersionId: string }): Promise<{ versionId: string }>;
};

/**
 * A writer for a store in the location's account and region. A restore with no earlier version to put back
 * is refused before the store is opened; `what` names the location in that refusal ("Secret", "Parameters").
 */
export function storeWriter(access: StoreAccess, spec: Pick<SecretWriter, "kind" | "permissions"> & { what: string } & StoreOperations): SecretWriter {
  const open = (l: StoreLocation) => access(l.store.accountId, l.store.region);
  return {
    kind: spec.kind,
    permissions: spec.permissions,
    validate: async (location) => spec.validate(await open(location), location),
    write: async (location, secret) => spec.write(await open(location), location, secret),
    async restore(location, written) {
      const { previousVersionId } = written;
      if (!previousVersionId) throw new KeyrotateError("rule-violation", `${spec.what} ${location.identifier} had no earlier version to put back.`);
      return spec.restore(await open(location), location, { ...written, previousVersionId });
    },
  };
}
