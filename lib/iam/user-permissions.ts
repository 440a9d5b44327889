// A user's permissions as plain data: read them, give them to a new user, and delete a user with
// everything IAM makes you remove first. Used to re-create SES SMTP users under a dated name.
// Every list drains its paginator; no SDK type leaves this file.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateUserCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListServiceSpecificCredentialsCommand,
  PutUserPolicyCommand,
  paginateListAccessKeys,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
  paginateListMFADevices,
  paginateListSigningCertificates,
  paginateListSSHPublicKeys,
  paginateListUserPolicies,
  paginateListUserTags,
} from "@aws-sdk/client-iam";
import { KeyrotateError } from "../errors.ts";
import { toIamError } from "./errors.ts";
import { deletionCommand } from "./user-deletion-commands.ts";
import { describeDeletionStep, isVirtualMfaSerial, userDeletionPlan, type DeletionStepResult, type UserInventory } from "./user-deletion-plan.ts";
import { copyDivergence, decodePolicyDocument, type UserPermissions } from "./user-permissions-rules.ts";

export type { DeletionStep, DeletionStepResult, UserInventory } from "./user-deletion-plan.ts";
export { describeDeletionStep, userDeletionPlan } from "./user-deletion-plan.ts";
export type { UserPermissions } from "./user-permissions-rules.ts";
export { copyDivergence, decodePolicyDocument } from "./user-permissions-rules.ts";

// The SDK names IAM's errors with or without the "Exception" suffix depending on the model.
function isAwsError(error: unknown, name: string): boolean {
  const actual = (error as { name?: string } | null)?.name;
  return actual === name || actual === `${name}Exception`;
}

// lib/iam/errors.ts explains key-related failures; these verbs meet three more.
function iamError(error: unknown, doing: string): KeyrotateError {
  if (isAwsError(error, "DeleteConflict")) {
    return new KeyrotateError("conflict", `IAM refused to ${doing}: something is still attached to the user. Run the deletion again to find and remove it.`, { cause: error });
  }
  if (isAwsError(error, "EntityAlreadyExists")) {
    return new KeyrotateError("conflict", `IAM refused to ${doing}: it already exists.`, { cause: error });
  }
  if (isAwsError(error, "LimitExceeded")) {
    return new KeyrotateError("iam-limit-exceeded", `IAM refused to ${doing}: an IAM quota is reached.`, { cause: error });
  }
  return toIamError(error, doing);
}

async function attempt<T>(doing: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw iamError(error, doing);
  }
}

async function drain<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
}

const byText = (a: string, b: string) => a.localeCompare(b);

export function createUserPermissionsGateway(iam: IAMClient) {
  const client = { client: iam };

  async function userExists(userName: string): Promise<boolean> {
    try {
      await iam.send(new GetUserCommand({ UserName: userName }));
      return true;
    } catch (error) {
      if (isAwsError(error, "NoSuchEntity")) return false;
      throw iamError(error, `read user ${userName}`);
    }
  }

  const listGroups = (UserName: string) => drain(paginateListGroupsForUser(client, { UserName }), (p) => p.Groups?.map((g) => g.GroupName!));
  const listAttached = (UserName: string) => drain(paginateListAttachedUserPolicies(client, { UserName }), (p) => p.AttachedPolicies?.map((a) => a.PolicyArn!));
  const listInlineNames = (UserName: string) => drain(paginateListUserPolicies(client, { UserName }), (p) => p.PolicyNames);

  async function listServiceSpecificCredentials(UserName: string): Promise<UserInventory["serviceSpecificCredentials"]> {
    // The SDK ships no paginator for this call; it pages with Marker like the others.
    const found: UserInventory["serviceSpecificCredentials"] = [];
    let Marker: string | undefined;
    do {
      const page = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName, Marker }));
      for (const c of page.ServiceSpecificCredentials ?? []) found.push({ id: c.ServiceSpecificCredentialId!, serviceName: c.ServiceName ?? "" });
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return found;
  }

  async function hasLoginProfile(UserName: string): Promise<boolean> {
    try {
      await iam.send(new GetLoginProfileCommand({ UserName }));
      return true;
    } catch (error) {
      if (isAwsError(error, "NoSuchEntity")) return false;
      throw error;
    }
  }

  /** Path, boundary, groups, managed and inline policies (decoded) and tags of one user. */
  async function describeUser(userName: string): Promise<UserPermissions> {
    const user = await attempt(`read user ${userName}`, async () => {
      try {
        return (await iam.send(new GetUserCommand({ UserName: userName }))).User!;
      } catch (error) {
        if (isAwsError(error, "NoSuchEntity")) throw new KeyrotateError("iam-no-such-entity", `IAM has no user ${userName}.`, { cause: error });
        throw error;
      }
    });
    return attempt(`read the permissions of ${userName}`, async () => {
      const [groups, attachedPolicyArns, inlineNames, tags] = await Promise.all([
        listGroups(userName),
        listAttached(userName),
        listInlineNames(userName),
        drain(paginateListUserTags(client, { UserName: userName }), (p) => p.Tags?.map((t) => ({ key: t.Key!, value: t.Value ?? "" }))),
      ]);
      const inlinePolicies = [];
      for (const name of [...inlineNames].sort(byText)) {
        const out = await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name }));
        inlinePolicies.push({ name, document: decodePolicyDocument(out.PolicyDocument!) });
      }
      return {
        userName,
        path: user.Path ?? "/",
        permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
        groups: groups.sort(byText),
        attachedPolicyArns: attachedPolicyArns.sort(byText),
        inlinePolicies,
        tags: tags.sort((a, b) => byText(a.key, b.key)),
      };
    });
  }

  /**
   * Creates `newUserName` with the path, boundary and tags of `like`, in the same groups, with the
   * same managed and inline policies. Safe to run again after a crash: a user of that name that is
   * an unfinished copy is completed (`created: false`); any other user of that name is refused.
   */
  async function createUserLike(newUserName: string, like: UserPermissions): Promise<{ userName: string; created: boolean }> {
    if (newUserName === like.userName) throw new KeyrotateError("invalid-input", `A copy of ${like.userName} needs another name.`);
    let created = true;
    try {
      await iam.send(
        new CreateUserCommand({
          UserName: newUserName,
          Path: like.path,
          PermissionsBoundary: like.permissionsBoundaryArn ?? undefined,
          Tags: like.tags.length ? like.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
        }),
      );
    } catch (error) {
      if (!isAwsError(error, "EntityAlreadyExists")) throw iamError(error, `create user ${newUserName}`);
      created = false;
      const problems = copyDivergence(await describeUser(newUserName), like);
      if (problems.length) {
        throw new KeyrotateError("conflict", `User ${newUserName} already exists and is not a copy of ${like.userName}: ${problems.join("; ")}.`, { cause: error });
      }
    }
    // One at a time, in a fixed order: each call is idempotent, so a re-run repeats them harmlessly.
    for (const GroupName of like.groups) {
      await attempt(`add ${newUserName} to group ${GroupName}`, () => iam.send(new AddUserToGroupCommand({ UserName: newUserName, GroupName })));
    }
    for (const PolicyArn of like.attachedPolicyArns) {
      await attempt(`attach ${PolicyArn} to ${newUserName}`, () => iam.send(new AttachUserPolicyCommand({ UserName: newUserName, PolicyArn })));
    }
    for (const { name, document } of like.inlinePolicies) {
      await attempt(`put inline policy ${name} on ${newUserName}`, () =>
        iam.send(new PutUserPolicyCommand({ UserName: newUserName, PolicyName: name, PolicyDocument: document })),
      );
    }
    return { userName: newUserName, created };
  }

  /** Everything IAM makes you remove before deleting the user; null when IAM has no such user. */
  async function inventoryForDeletion(userName: string): Promise<UserInventory | null> {
    if (!(await userExists(userName))) return null;
    return attempt(`list what user ${userName} holds`, async () => {
      const UserName = userName;
      const [accessKeys, groups, attachedPolicyArns, inlinePolicyNames, loginProfile, certificates, sshKeys, serviceCredentials, mfa] = await Promise.all([
        drain(paginateListAccessKeys(client, { UserName }), (p) =>
          p.AccessKeyMetadata?.map((k) => ({ accessKeyId: k.AccessKeyId!, status: k.Status === "Inactive" ? ("Inactive" as const) : ("Active" as const) })),
        ),
        listGroups(UserName),
        listAttached(UserName),
        listInlineNames(UserName),
        hasLoginProfile(UserName),
        drain(paginateListSigningCertificates(client, { UserName }), (p) => p.Certificates?.map((c) => c.CertificateId!)),
        drain(paginateListSSHPublicKeys(client, { UserName }), (p) => p.SSHPublicKeys?.map((k) => k.SSHPublicKeyId!)),
        listServiceSpecificCredentials(UserName),
        drain(paginateListMFADevices(client, { UserName }), (p) => p.MFADevices?.map((d) => d.SerialNumber!)),
      ]);
      return {
        userName,
        accessKeys,
        groups,
        attachedPolicyArns,
        inlinePolicyNames,
        hasLoginProfile: loginProfile,
        signingCertificateIds: certificates,
        sshPublicKeyIds: sshKeys,
        serviceSpecificCredentials: serviceCredentials,
        mfaDevices: mfa.map((serialNumber) => ({ serialNumber, virtual: isVirtualMfaSerial(serialNumber) })),
      };
    });
  }

  /**
   * Deletes the user and everything attached to it, step by step in IAM's order (userDeletionPlan).
   * Resumable: it plans from what IAM holds now, and a NoSuchEntity along the way counts as
   * "already-gone". `onStep` hears each step as it completes (for an audit trail).
   */
  async function deleteUserCompletely(
    userName: string,
    opts: { onStep?: (result: DeletionStepResult) => void | Promise<void> } = {},
  ): Promise<DeletionStepResult[]> {
    const inventory = await inventoryForDeletion(userName);
    if (!inventory) {
      const gone: DeletionStepResult = { step: { kind: "delete-user" }, outcome: "already-gone" };
      await opts.onStep?.(gone);
      return [gone];
    }
    const results: DeletionStepResult[] = [];
    for (const step of userDeletionPlan(inventory)) {
      let outcome: DeletionStepResult["outcome"] = "done";
      try {
        // The union of command types is wider than send's overloads accept in one call.
        await iam.send(deletionCommand(userName, step) as Parameters<IAMClient["send"]>[0]);
      } catch (error) {
        if (!isAwsError(error, "NoSuchEntity")) throw iamError(error, describeDeletionStep(step, userName));
        outcome = "already-gone";
      }
      results.push({ step, outcome });
      await opts.onStep?.({ step, outcome });
    }
    return results;
  }

  return { describeUser, createUserLike, inventoryForDeletion, deleteUserCompletely };
}

export type UserPermissionsGateway = ReturnType<typeof createUserPermissionsGateway>;
