import "server-only";
// aws-ssm-parameter: two parameters, the key id (String) and the secret (SecureString, encrypted with the KMS key
// it already uses). SSM cannot make an old version current again, so a restore writes the previous values as a
// new version. A version id here is "<id parameter version>/<secret parameter version>".
import { KeyrotateError } from "../errors.ts";
import type { SecretStoresGateway } from "../iam/secret-stores.ts";
import { storeWriter, type SecretWriter, type StoreAccess, type StoreLocation } from "./writer.ts";

type Pair = { id: string; secret: string };

function namesOf(location: StoreLocation): Pair {
  const secret = location.store.secretParameter;
  if (!secret) throw new KeyrotateError("invalid-input", `Location ${location.identifier} names no secret parameter.`);
  return { id: location.identifier, secret };
}

async function describePair(ssm: SecretStoresGateway, names: Pair) {
  const [id, secret] = await Promise.all([ssm.describeParameter(names.id), ssm.describeParameter(names.secret)]);
  const missing = [!id && names.id, !secret && names.secret].filter(Boolean);
  if (!id || !secret) throw new KeyrotateError("not-found", `SSM parameter ${missing.join(" and ")} does not exist in ${ssm.region}.`);
  if (secret.type !== "SecureString") {
    throw new KeyrotateError("invalid-input", `SSM parameter ${names.secret} is a ${secret.type}: a secret access key belongs in a SecureString.`);
  }
  return { id, secret };
}

const versionOf = (id: number, secret: number) => `${id}/${secret}`;

function parseVersion(value: string): { id: number; secret: number } {
  const [id, secret] = value.split("/").map(Number);
  if (!Number.isInteger(id) || !Number.isInteger(secret)) throw new KeyrotateError("internal", `Unreadable SSM version pair ${value}.`);
  return { id, secret };
}

export function ssmParameterWriter(access: StoreAccess): SecretWriter {
  return storeWriter(access, {
    kind: "aws-ssm-parameter",
    what: "Parameters",
    permissions: ["ssm:DescribeParameters", "ssm:GetParameter", "ssm:PutParameter", "kms:Decrypt and kms:Encrypt on the SecureString's KMS key"],
    async validate(ssm, location) {
      const names = namesOf(location);
      await describePair(ssm, names);
      // A rollback reads the previous secret back: keyrotate must be able to decrypt it.
      await ssm.getParameterValue(names.secret);
    },
    async write(ssm, location, secret) {
      const names = namesOf(location);
      const before = await describePair(ssm, names);
      // The secret first: a failure there leaves both parameters as they were.
      const s = await ssm.putParameter({ name: names.secret, value: secret.secretAccessKey, type: "SecureString", keyId: before.secret.keyId });
      let i: { version: number };
      try {
        i = await ssm.putParameter({ name: names.id, value: secret.accessKeyId, type: before.id.type, keyId: before.id.keyId });
      } catch (error) {
        // Put the old secret back so the pair stays consistent (as a new version; SSM cannot go back).
        const old = await ssm.getParameterValue(names.secret, before.secret.version);
        await ssm.putParameter({ name: names.secret, value: old.value, type: "SecureString", keyId: before.secret.keyId });
        throw error;
      }
      return { versionId: versionOf(i.version, s.version), previousVersionId: versionOf(before.id.version, before.secret.version) };
    },
    async restore(ssm, location, written) {
      const names = namesOf(location);
      const now = await describePair(ssm, names);
      const wrote = parseVersion(written.versionId);
      if (now.id.version !== wrote.id || now.secret.version !== wrote.secret) {
        throw new KeyrotateError(
          "conflict",
          `SSM parameters ${names.id} / ${names.secret} changed since keyrotate wrote them (now ${versionOf(now.id.version, now.secret.version)}, not ${written.versionId}): put the old key back by hand.`,
        );
      }
      const previous = parseVersion(written.previousVersionId);
      const [oldId, oldSecret] = await Promise.all([ssm.getParameterValue(names.id, previous.id), ssm.getParameterValue(names.secret, previous.secret)]);
      const s = await ssm.putParameter({ name: names.secret, value: oldSecret.value, type: "SecureString", keyId: now.secret.keyId });
      const i = await ssm.putParameter({ name: names.id, value: oldId.value, type: now.id.type, keyId: now.id.keyId });
      return { versionId: versionOf(i.version, s.version) };
    },
  });
}
