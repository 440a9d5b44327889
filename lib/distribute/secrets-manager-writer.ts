import "server-only";
// aws-secrets-manager: a secret holding a JSON object; keyrotate replaces two fields and keeps the rest.
// PutSecretValue makes a new version AWSCURRENT and the old one AWSPREVIOUS (Secrets Manager does that itself).
import { KeyrotateError } from "../errors.ts";
import { DEFAULT_ID_FIELD, DEFAULT_SECRET_FIELD } from "./store.ts";
import { storeWriter, type SecretWriter, type StoreAccess, type StoreLocation } from "./writer.ts";

function jsonObjectOf(location: StoreLocation, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = null;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    // Never echo the value: it may be a secret.
    throw new KeyrotateError("invalid-input", `Secret ${location.identifier} does not hold a JSON object, so keyrotate will not overwrite it.`);
  }
  return parsed as Record<string, unknown>;
}

export function secretsManagerWriter(access: StoreAccess): SecretWriter {
  return storeWriter(access, {
    kind: "aws-secrets-manager",
    what: "Secret",
    permissions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
    async validate(sm, location) {
      await sm.describeSecret(location.identifier);
      jsonObjectOf(location, (await sm.getSecretString(location.identifier)).value);
    },
    async write(sm, location, secret) {
      const current = await sm.getSecretString(location.identifier);
      const value = {
        ...jsonObjectOf(location, current.value),
        [location.store.idField ?? DEFAULT_ID_FIELD]: secret.accessKeyId,
        [location.store.secretField ?? DEFAULT_SECRET_FIELD]: secret.secretAccessKey,
      };
      const put = await sm.putSecretString(location.identifier, JSON.stringify(value));
      return { versionId: put.versionId, previousVersionId: current.versionId };
    },
    async restore(sm, location, written) {
      const now = await sm.describeSecret(location.identifier);
      if (now.currentVersionId !== written.versionId) {
        throw new KeyrotateError(
          "conflict",
          `Secret ${location.identifier} changed since keyrotate wrote it (current version ${now.currentVersionId ?? "none"}, not ${written.versionId}): put the old key back by hand.`,
        );
      }
      await sm.makeSecretVersionCurrent(location.identifier, written.previousVersionId, written.versionId);
      return { versionId: written.previousVersionId };
    },
  });
}
