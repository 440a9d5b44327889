import "server-only";
// What the SMTP user rotation runner reads before it asks the rules: both users as IAM shows them now,
// whether keyrotate may change them, and the facts the rules decide on. Tests swap `deps`.
import { findStoredUser } from "../db/users.ts";
import type { SmtpRotationRecord } from "../db/smtp-rotations.ts";
import { KeyrotateError } from "../errors.ts";
import type { IamUserWithKeys, UserPermissions, UserPermissionsGateway } from "../iam/index.ts";
import { userPermissionsFor } from "../accounts/registry.ts";
import { SES_SMTP_PORT, sesSmtpEndpoint, sesSmtpPassword } from "../iam/ses-smtp.ts";
import { assertManaged } from "../auth/scope-config.ts";
import type { Role } from "../auth/roles.ts";
import { defaultDeps, readLiveUser, rulesConfig, type LiveUser, type RotationDeps } from "./context.ts";
import type { CopySummary, SmtpFacts, SmtpKeySnapshot } from "./rules/smtp.ts";

export type SmtpDeps = RotationDeps & {
  /** Describe, copy and delete whole users inside one account. */
  userPermissions: (accountId: string) => Promise<UserPermissionsGateway>;
};

export const defaultSmtpDeps: SmtpDeps = { ...defaultDeps, userPermissions: (accountId) => userPermissionsFor(accountId) };

/** The new SMTP credentials as a person receives them, once: never stored, never logged. */
export type SmtpCredentials = {
  /** The IAM user that holds the key. */
  iamUserName: string;
  /** The SMTP user name: the access key id. */
  smtpUserName: string;
  smtpPassword: string;
  region: string;
  endpoint: string;
  port: number;
};

export function smtpCredentials(input: { iamUserName: string; accessKeyId: string; secretAccessKey: string; region: string }): SmtpCredentials {
  return {
    iamUserName: input.iamUserName,
    smtpUserName: input.accessKeyId,
    smtpPassword: sesSmtpPassword(input.secretAccessKey, input.region),
    region: input.region,
    endpoint: sesSmtpEndpoint(input.region),
    port: SES_SMTP_PORT,
  };
}

export function smtpSnapshots(user: IamUserWithKeys): SmtpKeySnapshot[] {
  return user.keys.map((k) => ({
    accessKeyId: k.accessKeyId,
    status: k.status,
    createDate: k.createDate,
    lastUsedDate: k.lastUsed.lastUsedDate,
    lastUsedService: k.lastUsed.service,
  }));
}

/** The user as IAM shows it now, or null when IAM has no such user. */
export async function readUserIfAny(deps: RotationDeps, accountId: string, userName: string): Promise<LiveUser | null> {
  try {
    return await readLiveUser(deps, accountId, userName);
  } catch (error) {
    if (error instanceof KeyrotateError && error.code === "iam-no-such-entity") return null;
    throw error;
  }
}

/** Both users of a rotation as IAM shows them now: the old one (gone once removed) and the new one (once asked for). */
export type SmtpLive = { old: LiveUser | null; fresh: LiveUser | null };

export function newUserNameOf(state: SmtpRotationRecord["state"]): string | null {
  return "newUserName" in state ? state.newUserName : null;
}

export async function readBothUsers(deps: SmtpDeps, rotation: SmtpRotationRecord): Promise<SmtpLive> {
  const newUserName = newUserNameOf(rotation.state);
  const [old, fresh] = await Promise.all([
    readUserIfAny(deps, rotation.accountId, rotation.state.oldUserName),
    newUserName ? readUserIfAny(deps, rotation.accountId, newUserName) : Promise.resolve(null),
  ]);
  return { old, fresh };
}

/** Refuses, before anything changes, a rotation whose old or new user keyrotate does not manage. */
export async function assertBothManaged(rotation: SmtpRotationRecord, live: SmtpLive): Promise<void> {
  const { accountId } = rotation;
  // An old user IAM no longer has is judged on what keyrotate last stored about it.
  const old = live.old
    ? { accountId, userName: live.old.user.userName, path: live.old.user.path, tags: live.old.user.tags }
    : await findStoredUser(rotation.iamUserId);
  if (old) await assertManaged(old);
  if (live.fresh) await assertManaged({ accountId, userName: live.fresh.user.userName, path: live.fresh.user.path, tags: live.fresh.user.tags });
}

export function smtpFacts(live: SmtpLive, role: Role, now: Date): SmtpFacts {
  return {
    now,
    role,
    config: rulesConfig(),
    oldKeys: live.old ? smtpSnapshots(live.old.user) : null,
    newKeys: live.fresh ? smtpSnapshots(live.fresh.user) : null,
  };
}

export function copySummary(like: UserPermissions, created: boolean): CopySummary {
  return {
    path: like.path,
    permissionsBoundaryArn: like.permissionsBoundaryArn,
    groups: like.groups,
    attachedPolicyArns: like.attachedPolicyArns,
    inlinePolicyNames: like.inlinePolicies.map((p) => p.name),
    tagKeys: like.tags.map((t) => t.key),
    created,
  };
}
