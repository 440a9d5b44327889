// The user-permissions verbs over a scripted fake client: what the emulator cannot show (pages,
// errors at a chosen moment, hardware MFA, IAM's refusals).
import { IAMClient } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { createUserPermissionsGateway, type UserPermissions } from "./user-permissions.ts";

type Input = Record<string, unknown>;
type Handler = (input: Input) => unknown;

function fakeIam(handlers: Record<string, Handler>) {
  const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  const calls: { name: string; input: Input }[] = [];
  client.send = (async (command: { constructor: { name: string }; input: Input }) => {
    const name = command.constructor.name.replace(/Command$/, "");
    calls.push({ name, input: command.input });
    const handler = handlers[name];
    if (!handler) throw new Error(`unexpected ${name}`);
    return handler(command.input);
  }) as unknown as IAMClient["send"];
  return { client, calls, names: () => calls.map((c) => c.name) };
}

/** IAM's Marker paging, `size` items at a time. */
function paged<T>(items: T[], field: string, size = 3): Handler {
  return (input) => {
    const start = input.Marker ? Number(input.Marker) : 0;
    const next = start + size;
    return { [field]: items.slice(start, next), IsTruncated: next < items.length, Marker: next < items.length ? String(next) : undefined };
  };
}

const awsError = (name: string) => Object.assign(new Error(name), { name });
const fails = (name: string): Handler => () => {
  throw awsError(name);
};
const ok: Handler = () => ({});

const like: UserPermissions = {
  userName: "mailer.20250115",
  path: "/smtp/",
  permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/smtp-boundary",
  groups: ["g1"],
  attachedPolicyArns: ["arn:aws:iam::123456789012:policy/p1"],
  inlinePolicies: [{ name: "inline", document: '{"Version":"2012-10-17"}' }],
  tags: [{ key: "team", value: "mail" }],
};

describe("describeUser", () => {
  it("drains every page of groups, policies and tags", async () => {
    const groups = Array.from({ length: 11 }, (_, i) => ({ GroupName: `group-${String(i).padStart(2, "0")}` }));
    const attached = Array.from({ length: 7 }, (_, i) => ({ PolicyArn: `arn:aws:iam::123456789012:policy/p${i}` }));
    const tags = Array.from({ length: 8 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    const { client } = fakeIam({
      GetUser: () => ({ User: { UserName: "u", Path: "/smtp/", PermissionsBoundary: { PermissionsBoundaryArn: "arn:b" } } }),
      ListGroupsForUser: paged(groups, "Groups"),
      ListAttachedUserPolicies: paged(attached, "AttachedPolicies"),
      ListUserPolicies: paged(["b-inline", "a-inline", "c-inline", "d-inline"], "PolicyNames"),
      ListUserTags: paged(tags, "Tags"),
      GetUserPolicy: (input) => ({ PolicyDocument: encodeURIComponent(`{"Sid":"${String(input.PolicyName)}"}`) }),
    });
    const user = await createUserPermissionsGateway(client).describeUser("u");
    expect(user.groups).toEqual(groups.map((g) => g.GroupName));
    expect(user.attachedPolicyArns).toHaveLength(7);
    expect(user.tags).toHaveLength(8);
    expect(user.permissionsBoundaryArn).toBe("arn:b");
    expect(user.inlinePolicies).toEqual(["a", "b", "c", "d"].map((x) => ({ name: `${x}-inline`, document: `{"Sid":"${x}-inline"}` })));
  });
});

describe("createUserLike", () => {
  const creating = (extra: Record<string, Handler> = {}) =>
    fakeIam({ CreateUser: ok, AddUserToGroup: ok, AttachUserPolicy: ok, PutUserPolicy: ok, ...extra });

  it("creates the user with path, boundary and tags in one call, then groups and policies", async () => {
    const fake = creating();
    expect(await createUserPermissionsGateway(fake.client).createUserLike("mailer.20261201", like)).toEqual({ userName: "mailer.20261201", created: true });
    expect(fake.calls).toEqual([
      { name: "CreateUser", input: { UserName: "mailer.20261201", Path: "/smtp/", PermissionsBoundary: like.permissionsBoundaryArn, Tags: [{ Key: "team", Value: "mail" }] } },
      { name: "AddUserToGroup", input: { UserName: "mailer.20261201", GroupName: "g1" } },
      { name: "AttachUserPolicy", input: { UserName: "mailer.20261201", PolicyArn: "arn:aws:iam::123456789012:policy/p1" } },
      { name: "PutUserPolicy", input: { UserName: "mailer.20261201", PolicyName: "inline", PolicyDocument: '{"Version":"2012-10-17"}' } },
    ]);
  });

  it("refuses to copy a user onto its own name", async () => {
    const fake = creating();
    await expect(createUserPermissionsGateway(fake.client).createUserLike(like.userName, like)).rejects.toMatchObject({ code: "invalid-input" });
    expect(fake.calls).toEqual([]);
  });

  it("explains an IAM quota without blaming access keys", async () => {
    const fake = creating({ AttachUserPolicy: fails("LimitExceededException") });
    const error = await createUserPermissionsGateway(fake.client).createUserLike("mailer.20261201", like).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyrotateError);
    expect(error).toMatchObject({ code: "iam-limit-exceeded", userMessage: "IAM refused to attach arn:aws:iam::123456789012:policy/p1 to mailer.20261201: an IAM quota is reached." });
  });
});

describe("deleteUserCompletely", () => {
  const holding = (extra: Record<string, Handler> = {}) =>
    fakeIam({
      GetUser: () => ({ User: { UserName: "old" } }),
      ListAccessKeys: () => ({ AccessKeyMetadata: [{ AccessKeyId: "AKIAOLD0000000000001", Status: "Active" }] }),
      ListGroupsForUser: () => ({ Groups: [] }),
      ListAttachedUserPolicies: () => ({ AttachedPolicies: [] }),
      ListUserPolicies: () => ({ PolicyNames: ["inline"] }),
      GetLoginProfile: fails("NoSuchEntityException"),
      ListSigningCertificates: () => ({ Certificates: [] }),
      ListSSHPublicKeys: () => ({ SSHPublicKeys: [] }),
      ListServiceSpecificCredentials: paged(
        Array.from({ length: 4 }, (_, i) => ({ ServiceSpecificCredentialId: `ACCA${i}`, ServiceName: "codecommit.amazonaws.com" })),
        "ServiceSpecificCredentials",
      ),
      ListMFADevices: () => ({ MFADevices: [{ SerialNumber: "GAHT12345678" }] }),
      UpdateAccessKey: ok,
      DeleteAccessKey: ok,
      DeleteUserPolicy: ok,
      DeleteServiceSpecificCredential: ok,
      DeactivateMFADevice: ok,
      DeleteUser: ok,
      ...extra,
    });

  it("pages service-specific credentials, and only deactivates a hardware MFA device", async () => {
    const fake = holding();
    const steps = await createUserPermissionsGateway(fake.client).deleteUserCompletely("old");
    expect(steps.filter((s) => s.step.kind === "delete-service-specific-credential")).toHaveLength(4);
    expect(fake.names()).not.toContain("DeleteVirtualMFADevice");
    expect(fake.names().at(-1)).toBe("DeleteUser");
    expect(fake.calls.find((c) => c.name === "DeactivateMFADevice")?.input).toEqual({ UserName: "old", SerialNumber: "GAHT12345678" });
  });

  it("carries on past things already gone (a resumed run) and says so", async () => {
    const fake = holding({ DeleteAccessKey: fails("NoSuchEntityException"), DeleteUserPolicy: fails("NoSuchEntity") });
    const steps = await createUserPermissionsGateway(fake.client).deleteUserCompletely("old");
    expect(steps.slice(0, 3)).toEqual([
      { step: { kind: "deactivate-access-key", accessKeyId: "AKIAOLD0000000000001" }, outcome: "done" },
      { step: { kind: "delete-access-key", accessKeyId: "AKIAOLD0000000000001" }, outcome: "already-gone" },
      { step: { kind: "delete-inline-policy", policyName: "inline" }, outcome: "already-gone" },
    ]);
    expect(steps.at(-1)).toEqual({ step: { kind: "delete-user" }, outcome: "done" });
  });

  it("stops at IAM's DeleteConflict with a conflict a person can act on", async () => {
    const fake = holding({ DeleteUser: fails("DeleteConflictException") });
    await expect(createUserPermissionsGateway(fake.client).deleteUserCompletely("old")).rejects.toMatchObject({
      code: "conflict",
      userMessage: "IAM refused to delete user old: something is still attached to the user. Run the deletion again to find and remove it.",
    });
  });

  it("stops at any other failure, naming the step", async () => {
    const fake = holding({ DeactivateMFADevice: fails("AccessDeniedException") });
    await expect(createUserPermissionsGateway(fake.client).deleteUserCompletely("old")).rejects.toMatchObject({ code: "iam-access-denied" });
    expect(fake.names()).not.toContain("DeleteUser");
  });
});
