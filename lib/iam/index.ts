import "server-only";
// The only door to AWS. Endpoint, region and credentials come from the SDK's own configuration
// chain (AWS_ENDPOINT_URL_IAM, AWS_PROFILE, instance roles...): the emulator is configuration.
import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { env } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { toIamError } from "./errors.ts";
import { createIamGateway, type IamGateway } from "./gateway.ts";
import type { CallerIdentity } from "./types.ts";
import { createUserPermissionsGateway, type UserPermissionsGateway } from "./user-permissions.ts";

export type { IamGateway } from "./gateway.ts";
export type { DeletionStepResult, UserPermissions, UserPermissionsGateway } from "./user-permissions.ts";
export type * from "./types.ts";

let clients: { iam: IAMClient; sts: STSClient } | undefined;
// Who the configured credentials are does not change while the process runs: ask STS once. A failed
// answer is forgotten, so the next action asks again instead of repeating the failure.
let identity: Promise<CallerIdentity> | undefined;

function sdkClients() {
  // Retries with backoff are the SDK's standard mode (AWS_MAX_ATTEMPTS, default 3).
  clients ??= { iam: new IAMClient({ region: env().AWS_REGION }), sts: new STSClient({ region: env().AWS_REGION }) };
  return clients;
}

export function getCallerIdentity(): Promise<CallerIdentity> {
  identity ??= sdkClients()
    .sts.send(new GetCallerIdentityCommand({}))
    .then((out) => ({ accountId: out.Account!, arn: out.Arn!, userId: out.UserId! }))
    .catch((error: unknown) => {
      identity = undefined;
      throw toIamError(error, "asking STS who keyrotate is");
    });
  return identity;
}

/** Forgets the clients and the caller identity (tests that point the SDK somewhere else). */
export function resetIamClients(): void {
  clients?.iam.destroy();
  clients?.sts.destroy();
  clients = undefined;
  identity = undefined;
}

/**
 * IAM verbs for an account keyrotate's credentials reach; without `accountId`, the credentials' own.
 * Refuses an account the credentials do not belong to.
 */
export async function connectIam(accountId?: string): Promise<IamGateway & { accountId: string }> {
  const me = await getCallerIdentity();
  if (accountId !== undefined && me.accountId !== accountId) {
    throw new KeyrotateError("forbidden", `keyrotate's credentials do not reach account ${accountId}. Configure credentials for that account.`);
  }
  return { ...createIamGateway(sdkClients().iam), accountId: me.accountId };
}

/**
 * The user-permission verbs (describe a user, copy it, delete it whole) in an account keyrotate's
 * credentials reach: what re-creating an SES SMTP user needs. Refuses any other account.
 */
export async function userPermissionsGateway(accountId: string): Promise<UserPermissionsGateway> {
  await connectIam(accountId);
  return createUserPermissionsGateway(sdkClients().iam);
}
