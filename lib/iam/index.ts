import "server-only";
// The only door to AWS. Endpoint, region and credentials come from the SDK's own configuration
// chain (AWS_ENDPOINT_URL_IAM, AWS_PROFILE, instance roles...): the emulator is configuration.
import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { env } from "../env.ts";
import { toIamError } from "./errors.ts";
import { createIamGateway, type IamGateway } from "./gateway.ts";
import type { CallerIdentity } from "./types.ts";

export type { IamGateway } from "./gateway.ts";
export type * from "./types.ts";

let clients: { iam: IAMClient; sts: STSClient } | undefined;

function sdkClients() {
  // Retries with backoff are the SDK's standard mode (AWS_MAX_ATTEMPTS, default 3).
  clients ??= { iam: new IAMClient({ region: env().AWS_REGION }), sts: new STSClient({ region: env().AWS_REGION }) };
  return clients;
}

export async function getCallerIdentity(): Promise<CallerIdentity> {
  try {
    const out = await sdkClients().sts.send(new GetCallerIdentityCommand({}));
    return { accountId: out.Account!, arn: out.Arn!, userId: out.UserId! };
  } catch (error) {
    throw toIamError(error, "asking STS who keyrotate is");
  }
}

/** IAM verbs for the account the configured credentials belong to. */
export async function connectIam(): Promise<IamGateway & { accountId: string }> {
  const { accountId } = await getCallerIdentity();
  return { ...createIamGateway(sdkClients().iam), accountId };
}
