// A refused call names the permission and the resource; a missing one says so. Recorded-shape SDK errors via
// aws-sdk-client-mock (moto enforces no IAM policies by default).
import { PutSecretValueCommand, SecretsManagerClient, SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient, SSMServiceException } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createSecretStoresGateway } from "./secret-stores.ts";

const sm = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
afterEach(() => {
  sm.reset();
  ssm.reset();
});

const gateway = () => createSecretStoresGateway({ region: "eu-west-2", credentials: { accessKeyId: "t", secretAccessKey: "t" }, maxAttempts: 1 });
const denied = (Base: typeof SecretsManagerServiceException | typeof SSMServiceException) =>
  new Base({ name: "AccessDeniedException", $fault: "client", $metadata: {}, message: "User is not authorized" });

describe("secret store errors", () => {
  it("names the missing permission and the secret when PutSecretValue is denied", async () => {
    sm.on(PutSecretValueCommand).rejects(denied(SecretsManagerServiceException));
    await expect(gateway().putSecretString("app/aws", "{}")).rejects.toMatchObject({
      code: "iam-access-denied",
      userMessage: "Missing permission: keyrotate may not call secretsmanager:PutSecretValue on app/aws in eu-west-2. Grant it to keyrotate's role in that account.",
    });
  });

  it("names ssm:PutParameter when the parameter write is denied, and never the value", async () => {
    ssm.on(PutParameterCommand).rejects(denied(SSMServiceException));
    const error = await gateway().putParameter({ name: "/app/secret", value: "s3cr3t-value", type: "SecureString", keyId: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "iam-access-denied", userMessage: expect.stringMatching(/ssm:PutParameter on \/app\/secret/) });
    expect(JSON.stringify(error) + String(error)).not.toContain("s3cr3t-value");
  });

  it("says a parameter does not exist", async () => {
    ssm.on(PutParameterCommand).rejects(new SSMServiceException({ name: "ParameterNotFound", $fault: "client", $metadata: {} }));
    await expect(gateway().putParameter({ name: "/gone", value: "v", type: "String", keyId: null })).rejects.toMatchObject({ code: "not-found", userMessage: "/gone does not exist in eu-west-2 (ParameterNotFound)." });
  });
});
