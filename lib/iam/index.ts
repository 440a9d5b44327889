import "server-only";
// The only door to AWS. Endpoint, region and credentials come from the SDK's own configuration
// chain (AWS_ENDPOINT_URL_IAM, AWS_PROFILE, instance roles...): the emulator is configuration. Other
// accounts are reached by assuming a role with STS (hub and spoke); the SDK refreshes those credentials.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { env } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { toIamError } from "./errors.ts";
import { cloudTrailLimiterKey, createCloudTrailGateway, limiterFor, type CloudTrailGateway } from "./cloudtrail.ts";
import { createIamGateway, type IamGateway } from "./gateway.ts";
import type { CallerIdentity } from "./types.ts";
import { createUserPermissionsGateway, type UserPermissionsGateway } from "./user-permissions.ts";

export type { IamGateway } from "./gateway.ts";
export type { CallerGroup, CloudTrailGateway, KeyUsageReport, SuggestedLocation } from "./cloudtrail.ts";
export { suggestLocation, shortUserAgent, DEFAULT_MAX_EVENTS } from "./cloudtrail.ts";
export type { DeletionStepResult, UserPermissions, UserPermissionsGateway } from "./user-permissions.ts";
export type * from "./types.ts";

/** How to reach an account: with the credentials as they are, or by assuming `roleArn`. */
export type AccountAccess = { roleArn?: string | null; externalId?: string | null; /** who for, in STS's session name */ sessionName?: string };

type Clients = {
  iam: IAMClient;
  sts: STSClient;
  /** The role's credentials (refreshed by the SDK); undefined for the credentials' own. */
  credentials?: ReturnType<typeof fromTemporaryCredentials>;
  /** Made on first use: most ways in never look at CloudTrail. */
  cloudTrail?: CloudTrailClient;
  identity?: Promise<CallerIdentity>;
};

// One set of clients per way in: the credentials' own, and one per role and session name. A session name
// per person puts their name in CloudTrail; the cache keeps the most recent ones.
const MAX_CACHED = 50;
const cache = new Map<string, Clients>();

/** Throttled calls back off and retry (the SDK's adaptive mode); AWS_MAX_ATTEMPTS/AWS_RETRY_MODE override. */
function retryConfig() {
  const e = env();
  return { retryMode: e.AWS_RETRY_MODE ?? "adaptive", maxAttempts: e.AWS_MAX_ATTEMPTS ?? 8 };
}

/** STS allows [\w+=,.@-]{2,64} in a session name. */
export function sessionNameFor(who: string): string {
  const cleaned = `keyrotate-${who}`.replace(/[^\w+=,.@-]+/g, "-").slice(0, 64);
  return cleaned.length >= 2 ? cleaned : "keyrotate";
}

function clientsFor(access: AccountAccess): Clients {
  const key = access.roleArn ? `${access.roleArn}|${access.externalId ?? ""}|${access.sessionName ?? ""}` : "own";
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const region = env().AWS_REGION;
  const credentials = access.roleArn
    ? fromTemporaryCredentials({
        params: { RoleArn: access.roleArn, RoleSessionName: access.sessionName ?? "keyrotate", ...(access.externalId ? { ExternalId: access.externalId } : {}) },
        clientConfig: { region },
      })
    : undefined;
  const clients: Clients = { iam: new IAMClient({ region, credentials, ...retryConfig() }), sts: new STSClient({ region, credentials }), credentials };
  cache.set(key, clients);
  if (cache.size > MAX_CACHED) {
    const [oldest] = cache.keys();
    const dropped = cache.get(oldest)!;
    dropped.iam.destroy();
    dropped.sts.destroy();
    dropped.cloudTrail?.destroy();
    cache.delete(oldest);
  }
  return clients;
}

/** Who a way in is, asked once and remembered; a failed answer is forgotten so the next call asks again. */
function identityOf(clients: Clients, doing: string): Promise<CallerIdentity> {
  clients.identity ??= clients.sts
    .send(new GetCallerIdentityCommand({}))
    .then((out) => ({ accountId: out.Account!, arn: out.Arn!, userId: out.UserId! }))
    .catch((error: unknown) => {
      clients.identity = undefined;
      throw toIamError(error, doing);
    });
  return clients.identity;
}

/** The credentials' own identity (keyrotate itself). */
export function getCallerIdentity(): Promise<CallerIdentity> {
  return identityOf(clientsFor({}), "asking STS who keyrotate is");
}

/** The account a way in reaches: for a role, after assuming it. */
export function identityThrough(access: AccountAccess): Promise<CallerIdentity> {
  return identityOf(clientsFor(access), access.roleArn ? `assuming ${access.roleArn}` : "asking STS who keyrotate is");
}

/** Forgets every client and identity (tests that point the SDK somewhere else). */
export function resetIamClients(): void {
  for (const c of cache.values()) {
    c.iam.destroy();
    c.sts.destroy();
    c.cloudTrail?.destroy();
  }
  cache.clear();
}

/**
 * IAM verbs inside an account, reached the way `access` says; without `accountId` the credentials' own.
 * Refuses when the way in leads to another account than the one asked for.
 */
export async function connectIam(accountId?: string, access: AccountAccess = {}): Promise<IamGateway & { accountId: string }> {
  const clients = clientsFor(access);
  const me = await identityOf(clients, access.roleArn ? `assuming ${access.roleArn}` : "asking STS who keyrotate is");
  if (accountId !== undefined && me.accountId !== accountId) {
    throw new KeyrotateError("forbidden", `keyrotate's credentials do not reach account ${accountId}. Configure a role for that account (keyrotate accounts add).`);
  }
  return { ...createIamGateway(clients.iam), accountId: me.accountId };
}

/**
 * The user-permission verbs (describe a user, copy it, delete it whole) in an account, reached the way
 * `access` says: what re-creating an SES SMTP user needs. Refuses any other account.
 */
export async function userPermissionsGateway(accountId: string, access: AccountAccess = {}): Promise<UserPermissionsGateway> {
  await connectIam(accountId, access);
  return createUserPermissionsGateway(clientsFor(access).iam);
}

/**
 * CloudTrail LookupEvents inside an account (AWS_REGION), reached the way `access` says. Every lookup in
 * the same account and region waits for one shared limiter: LookupEvents allows 2 requests per second.
 */
export async function cloudTrailGateway(accountId: string, access: AccountAccess = {}): Promise<CloudTrailGateway> {
  await connectIam(accountId, access);
  const clients = clientsFor(access);
  // Standard retries: adaptive mode would add its own client-side pacing on top of the shared limiter.
  clients.cloudTrail ??= new CloudTrailClient({ region: env().AWS_REGION, credentials: clients.credentials, maxAttempts: env().AWS_MAX_ATTEMPTS ?? 3 });
  return createCloudTrailGateway(clients.cloudTrail, { limiter: limiterFor(cloudTrailLimiterKey(accountId, env().AWS_REGION)) });
}
