import "server-only";
// Which accounts keyrotate manages and how it reaches each: the configured ones (by AssumeRole, or the
// credentials' own), or — when none is configured — the credentials' own account under the name "default".
import { rankOf, type Actor, type Role } from "../auth/roles.ts";
import { findAccount, findAccountByName, listConfiguredAccounts, markAccountRemoved, saveAccount, type AccountRecord } from "../db/accounts.ts";
import { KeyrotateError } from "../errors.ts";
import { cloudTrailGateway, connectIam, getCallerIdentity, identityThrough, sessionNameFor, userPermissionsGateway, type AccountAccess, type CloudTrailGateway, type IamGateway, type UserPermissionsGateway } from "../iam/index.ts";

export const DEFAULT_ACCOUNT_NAME = "default";

/** The accounts a sync covers, each with a name. */
export async function managedAccounts(): Promise<AccountRecord[]> {
  const configured = await listConfiguredAccounts();
  if (configured.length > 0) return configured;
  const own = await getCallerIdentity();
  // Remembered under its name, so the dashboard, the CLI and the audit all call it the same.
  return [await saveAccount({ id: own.accountId, name: DEFAULT_ACCOUNT_NAME, roleArn: null, externalId: null, changeRole: "rotator" })];
}

async function accessTo(accountId: string, who: string): Promise<AccountAccess> {
  const account = await findAccount(accountId);
  if (account?.removedAt) throw new KeyrotateError("forbidden", `Account ${account.name ?? accountId} was removed from keyrotate: add it again to change its keys.`);
  return account?.roleArn ? { roleArn: account.roleArn, externalId: account.externalId, sessionName: sessionNameFor(who) } : {};
}

/** IAM inside an account, reached the way it is configured; `who` names the STS session (CloudTrail shows it). */
export async function iamFor(accountId: string, who = "cli"): Promise<IamGateway & { accountId: string }> {
  return connectIam(accountId, await accessTo(accountId, who));
}

/** CloudTrail LookupEvents inside an account, reached the same way: where a key is used. */
export async function cloudTrailFor(accountId: string, who = "cli"): Promise<CloudTrailGateway> {
  return cloudTrailGateway(accountId, await accessTo(accountId, who));
}

/** Describe, copy and delete whole users inside an account (SES SMTP user rotation), reached the same way. */
export async function userPermissionsFor(accountId: string, who = "cli"): Promise<UserPermissionsGateway> {
  return userPermissionsGateway(accountId, await accessTo(accountId, who));
}

/** Refuses a person whose role is below what the account asks for changing keys (e.g. production: admin). */
export async function assertMayChangeKeysIn(accountId: string, actor: Actor): Promise<void> {
  const account = await findAccount(accountId);
  const needed: Role = account?.changeRole ?? "rotator";
  if (rankOf(actor.role) < rankOf(needed)) {
    throw new KeyrotateError("forbidden", `Changing keys in ${account?.name ?? accountId} needs the ${needed} role; yours is ${actor.role}.`);
  }
}

export type NewAccount = { name: string; roleArn?: string | null; externalId?: string | null; changeRole?: Role };

/** Adds an account: with a role, keyrotate assumes it to learn (and prove) which account it reaches. */
export async function addAccount(input: NewAccount, who: string): Promise<AccountRecord> {
  const existing = await findAccountByName(input.name);
  const identity = await identityThrough(input.roleArn ? { roleArn: input.roleArn, externalId: input.externalId, sessionName: sessionNameFor(who) } : {});
  if (existing && existing.id !== identity.accountId && !existing.removedAt) {
    throw new KeyrotateError("conflict", `The name ${input.name} is already account ${existing.id}; remove it first or pick another name.`);
  }
  const other = await findAccount(identity.accountId);
  if (other?.name && other.name !== input.name && !other.removedAt) {
    throw new KeyrotateError("conflict", `Account ${identity.accountId} is already managed as ${other.name}.`);
  }
  return saveAccount({
    id: identity.accountId,
    name: input.name,
    roleArn: input.roleArn ?? null,
    externalId: input.externalId ?? null,
    changeRole: input.changeRole ?? "rotator",
  });
}

export async function removeAccount(name: string): Promise<AccountRecord> {
  const removed = await markAccountRemoved(name);
  if (!removed) throw new KeyrotateError("not-found", `No account named ${name}.`);
  return removed;
}
