// Re-creating an SES SMTP user under a dated name, against the moto emulator, with what moto 5.2.1
// lacks (user permissions boundaries, service-specific credentials, DeleteUser's DeleteConflict)
// supplied by a thin layer that behaves as AWS does: see lib/testing/iam-aws-gaps.ts. Signing
// certificates, SSH public keys, virtual MFA devices and login profiles are moto's own.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  AddUserToGroupCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { setupEmulator } from "../testing/emulator.ts";
import { withAwsGaps } from "../testing/iam-aws-gaps.ts";
import { datedUserName } from "./smtp-user-names.ts";
import { createUserPermissionsGateway, type DeletionStepResult, type UserPermissions } from "./user-permissions.ts";

setupEmulator();

const ORIGINAL = "mailer.20250115";
// A fixed date: "today" could, on one day of the calendar, be the original's own date.
const COPY = datedUserName("mailer", new Date("2026-12-01T12:00:00Z"));
// Between them, characters that URL-encoding changes: spaces, quotes, +, &, %, :, *, newlines and "é".
const SEND_FROM = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [{ Sid: "SendAsNoReply", Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*", Condition: { StringLike: { "ses:FromAddress": "no-reply+alerts@example.com" } } }],
  },
  null,
  2,
);
const QUIET_HOURS = `{"Version":"2012-10-17","Statement":[{"Sid":"NotAt100%Load","Effect":"Deny","Action":"ses:*","Resource":"arn:aws:ses:eu-west-1:123456789012:identity/café & co"}]}`;
// A throwaway self-signed certificate (no private key anywhere): moto parses what it is given.
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUUEzfy20jhkU7zIQziBqSZj1JO5QwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOa2V5cm90YXRlLXRlc3QwIBcNMjYxMjAxMDg1MDA2WhgPMjEy
NjExMDcwODUwMDZaMBkxFzAVBgNVBAMMDmtleXJvdGF0ZS10ZXN0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEPLHVBYUJAMZLQRJdtQEkSwL4grVBNdP4+Mjtc2Kk
RFmc1LP53cYUQyyQ9U7P17zEtyAQCrBBbfPuWhy0OA8Ah6NTMFEwHQYDVR0OBBYE
FH+6AX54NkLcksex3lnyg5rZJuT8MB8GA1UdIwQYMBaAFH+6AX54NkLcksex3lny
g5rZJuT8MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgGa9bRmN8
gL8sq1HcQXUl26i8x74l/jKaBiMEbSldLJECIQCOlwcp0TDmA0eX3WS/1K1znclO
xNKMWB/qKsRwAD3tzA==
-----END CERTIFICATE-----`;

let iam: IAMClient;
let gateway: ReturnType<typeof createUserPermissionsGateway>;
const arns: Record<string, string> = {};
let accessKeyId = "";
let mfaSerial = "";

async function seedOriginal() {
  const policy = async (name: string) => {
    const out = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:*", Resource: "*" }] }) }));
    arns[name] = out.Policy!.Arn!;
  };
  await Promise.all(["ses-send-raw", "ses-read-quota", "smtp-boundary"].map(policy));
  await Promise.all(["ses-senders", "mail-auditors"].map((GroupName) => iam.send(new CreateGroupCommand({ GroupName }))));
  await iam.send(
    new CreateUserCommand({
      UserName: ORIGINAL,
      Path: "/smtp/",
      PermissionsBoundary: arns["smtp-boundary"],
      Tags: [
        { Key: "team", Value: "mail & notify" },
        { Key: "owner", Value: "ops+alerts@example.com" },
      ],
    }),
  );
  const UserName = ORIGINAL;
  for (const GroupName of ["ses-senders", "mail-auditors"]) await iam.send(new AddUserToGroupCommand({ UserName, GroupName }));
  for (const name of ["ses-send-raw", "ses-read-quota"]) await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: arns[name] }));
  await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "send-from-noreply", PolicyDocument: SEND_FROM }));
  await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "quiet-hours", PolicyDocument: QUIET_HOURS }));
  await iam.send(new CreateLoginProfileCommand({ UserName, Password: "Correct-Horse-9-Battery" }));
  accessKeyId = (await iam.send(new CreateAccessKeyCommand({ UserName }))).AccessKey!.AccessKeyId!;
  await iam.send(new UploadSigningCertificateCommand({ UserName, CertificateBody: CERTIFICATE }));
  await iam.send(new UploadSSHPublicKeyCommand({ UserName, SSHPublicKeyBody: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB4hDd3M2Ptbs0Ex8wVeh8E4l2GkL0m8mOqfYw7Gc0Qe test@keyrotate" }));
  await iam.send(new CreateServiceSpecificCredentialCommand({ UserName, ServiceName: "codecommit.amazonaws.com" }));
  mfaSerial = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${ORIGINAL}-mfa` }))).VirtualMFADevice!.SerialNumber!;
  await iam.send(new EnableMFADeviceCommand({ UserName, SerialNumber: mfaSerial, AuthenticationCode1: "123456", AuthenticationCode2: "654321" }));
}

beforeAll(async () => {
  iam = withAwsGaps(new IAMClient({}));
  gateway = createUserPermissionsGateway(iam);
  await seedOriginal();
});

const withoutName = ({ userName: _name, ...rest }: UserPermissions) => rest;

describe("re-creating an SMTP user under a dated name", () => {
  let original: UserPermissions;
  let copy: UserPermissions;

  it("describes the original: path, boundary, groups, managed and decoded inline policies, tags", async () => {
    // IAM (and moto) hand the document back URL-encoded: the decoding is what makes a copy work.
    const raw = (await iam.send(new GetUserPolicyCommand({ UserName: ORIGINAL, PolicyName: "quiet-hours" }))).PolicyDocument!;
    expect(raw.startsWith("%7B")).toBe(true);

    original = await gateway.describeUser(ORIGINAL);
    expect(original).toEqual({
      userName: ORIGINAL,
      path: "/smtp/",
      permissionsBoundaryArn: arns["smtp-boundary"],
      groups: ["mail-auditors", "ses-senders"],
      attachedPolicyArns: [arns["ses-read-quota"], arns["ses-send-raw"]],
      inlinePolicies: [
        { name: "quiet-hours", document: QUIET_HOURS },
        { name: "send-from-noreply", document: SEND_FROM },
      ],
      tags: [
        { key: "owner", value: "ops+alerts@example.com" },
        { key: "team", value: "mail & notify" },
      ],
    });
  });

  it("creates the dated copy with the same permissions", async () => {
    expect(await gateway.createUserLike(COPY, original)).toEqual({ userName: COPY, created: true });
    copy = await gateway.describeUser(COPY);
    expect(copy.userName).toBe(COPY);
    expect(withoutName(copy)).toEqual(withoutName(original));
  });

  it("resumes onto its own unfinished copy, and refuses a user of that name that is not one", async () => {
    expect(await gateway.createUserLike(COPY, original)).toEqual({ userName: COPY, created: false });
    expect(withoutName(await gateway.describeUser(COPY))).toEqual(withoutName(original));

    await iam.send(new CreateUserCommand({ UserName: "someone-else.20261201", Path: "/people/" }));
    await expect(gateway.createUserLike("someone-else.20261201", original)).rejects.toMatchObject({
      code: "conflict",
      userMessage: expect.stringContaining("path is /people/, not /smtp/"),
    });
    expect((await gateway.describeUser("someone-else.20261201")).groups).toEqual([]);
  });

  it("lists everything the original holds before deletion", async () => {
    const inventory = await gateway.inventoryForDeletion(ORIGINAL);
    expect(inventory).toMatchObject({
      userName: ORIGINAL,
      accessKeys: [{ accessKeyId, status: "Active" }],
      inlinePolicyNames: expect.arrayContaining(["quiet-hours", "send-from-noreply"]),
      hasLoginProfile: true,
      serviceSpecificCredentials: [{ serviceName: "codecommit.amazonaws.com" }],
      mfaDevices: [{ serialNumber: mfaSerial, virtual: true }],
    });
    expect(inventory!.groups.sort()).toEqual(["mail-auditors", "ses-senders"]);
    expect(inventory!.attachedPolicyArns).toHaveLength(2);
    expect(inventory!.signingCertificateIds).toHaveLength(1);
    expect(inventory!.sshPublicKeyIds).toHaveLength(1);
  });

  it("deletes the original completely and leaves the copy untouched", async () => {
    const heard: DeletionStepResult[] = [];
    const steps = await gateway.deleteUserCompletely(ORIGINAL, {
      onStep: async (result) => {
        heard.push(result);
        // Just before DeleteUser nothing may be left: AWS (and the layer above) would refuse.
        if (result.step.kind === "delete-virtual-mfa-device") {
          expect(await gateway.inventoryForDeletion(ORIGINAL)).toMatchObject({ accessKeys: [], groups: [], attachedPolicyArns: [], inlinePolicyNames: [], hasLoginProfile: false, mfaDevices: [] });
        }
      },
    });
    expect(heard).toEqual(steps);
    expect(steps.every((s) => s.outcome === "done")).toBe(true);
    expect(steps.map((s) => s.step.kind)).toEqual([
      "deactivate-access-key",
      "delete-access-key",
      "remove-from-group",
      "remove-from-group",
      "detach-managed-policy",
      "detach-managed-policy",
      "delete-inline-policy",
      "delete-inline-policy",
      "delete-login-profile",
      "delete-signing-certificate",
      "delete-ssh-public-key",
      "delete-service-specific-credential",
      "deactivate-mfa-device",
      "delete-virtual-mfa-device",
      "delete-user",
    ]);

    await expect(iam.send(new GetUserCommand({ UserName: ORIGINAL }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    const virtual = (await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? [];
    expect(virtual.map((d) => d.SerialNumber)).not.toContain(mfaSerial);
    expect(withoutName(await gateway.describeUser(COPY))).toEqual(withoutName(original));
    // Shared things are detached from the original, never deleted.
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: arns["ses-send-raw"] }))).resolves.toBeTruthy();
  });

  it("is done when run again: the user is already gone", async () => {
    expect(await gateway.deleteUserCompletely(ORIGINAL)).toEqual([{ step: { kind: "delete-user" }, outcome: "already-gone" }]);
    expect(await gateway.inventoryForDeletion(ORIGINAL)).toBeNull();
    await expect(gateway.describeUser(ORIGINAL)).rejects.toMatchObject({ code: "iam-no-such-entity", userMessage: `IAM has no user ${ORIGINAL}.` });
  });
});
