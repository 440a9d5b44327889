import "server-only";
// Secrets Manager and SSM Parameter Store verbs: what keyrotate needs to put a new key where applications
// read it. Plain objects in and out; endpoints come from the SDK's configuration (AWS_ENDPOINT_URL_SECRETS_MANAGER,
// AWS_ENDPOINT_URL_SSM). Values pass through memory only: nothing here logs or keeps them.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { toStoreError } from "./secret-store-errors.ts";

export type SecretVersion = { versionId: string; stages: string[] };
export type SecretDescription = { arn: string; name: string; currentVersionId: string | null; previousVersionId: string | null };
export type ParameterDescription = { name: string; type: "String" | "StringList" | "SecureString"; keyId: string | null; version: number };

export type SecretStoresGateway = {
  region: string;
  describeSecret(secretId: string): Promise<SecretDescription>;
  /** The AWSCURRENT value, asked for by stage (not "the default"): after a stage move that is what applications read. */
  getSecretString(secretId: string, versionId?: string): Promise<{ versionId: string; value: string }>;
  putSecretString(secretId: string, value: string): Promise<{ versionId: string }>;
  /** Moves AWSCURRENT to `toVersionId`; AWS then labels `fromVersionId` AWSPREVIOUS. */
  makeSecretVersionCurrent(secretId: string, toVersionId: string, fromVersionId: string): Promise<void>;
  describeParameter(name: string): Promise<ParameterDescription | null>;
  getParameterValue(name: string, version?: number): Promise<{ version: number; value: string }>;
  putParameter(input: { name: string; value: string; type: ParameterDescription["type"]; keyId: string | null }): Promise<{ version: number }>;
};

type Config = Pick<SecretsManagerClientConfig, "region" | "credentials" | "maxAttempts" | "retryMode"> & { region: string };

export function createSecretStoresGateway(config: Config): SecretStoresGateway {
  const sm = new SecretsManagerClient(config);
  const ssm = new SSMClient(config);
  const region = config.region;
  const call = async <T>(permission: string, resource: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toStoreError(error, { permission, resource, region });
    }
  };
  return {
    region,
    describeSecret: (secretId) =>
      call("secretsmanager:DescribeSecret", secretId, async () => {
        const out = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
        const stages = Object.entries(out.VersionIdsToStages ?? {});
        const withStage = (stage: string) => stages.find(([, s]) => s.includes(stage))?.[0] ?? null;
        return { arn: out.ARN!, name: out.Name!, currentVersionId: withStage("AWSCURRENT"), previousVersionId: withStage("AWSPREVIOUS") };
      }),
    getSecretString: (secretId, versionId) =>
      call("secretsmanager:GetSecretValue", secretId, async () => {
        const out = await sm.send(new GetSecretValueCommand({ SecretId: secretId, ...(versionId ? { VersionId: versionId } : { VersionStage: "AWSCURRENT" }) }));
        return { versionId: out.VersionId!, value: out.SecretString ?? "" };
      }),
    putSecretString: (secretId, value) =>
      call("secretsmanager:PutSecretValue", secretId, async () => {
        const out = await sm.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
        return { versionId: out.VersionId! };
      }),
    makeSecretVersionCurrent: (secretId, toVersionId, fromVersionId) =>
      call("secretsmanager:UpdateSecretVersionStage", secretId, async () => {
        await sm.send(
          new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: "AWSCURRENT", MoveToVersionId: toVersionId, RemoveFromVersionId: fromVersionId }),
        );
      }),
    describeParameter: (name) =>
      call("ssm:DescribeParameters", name, async () => {
        const out = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [name] }] }));
        const p = out.Parameters?.find((x) => x.Name === name);
        if (!p) return null;
        return { name, type: (p.Type ?? "String") as ParameterDescription["type"], keyId: p.KeyId ?? null, version: Number(p.Version ?? 0) };
      }),
    getParameterValue: (name, version) =>
      call("ssm:GetParameter", name, async () => {
        const out = await ssm.send(new GetParameterCommand({ Name: version === undefined ? name : `${name}:${version}`, WithDecryption: true }));
        return { version: Number(out.Parameter?.Version ?? 0), value: out.Parameter?.Value ?? "" };
      }),
    putParameter: ({ name, value, type, keyId }) =>
      call("ssm:PutParameter", name, async () => {
        const out = await ssm.send(
          new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true, ...(type === "SecureString" && keyId ? { KeyId: keyId } : {}) }),
        );
        return { version: Number(out.Version ?? 0) };
      }),
  };
}
