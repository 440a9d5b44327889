import { describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { describeDeletionStep, isVirtualMfaSerial, type UserInventory } from "./user-deletion-plan.ts";
import { copyDivergence, decodePolicyDocument, userDeletionPlan, type UserPermissions } from "./user-permissions.ts";

const everything: UserInventory = {
  userName: "mailer.20250115",
  accessKeys: [
    { accessKeyId: "AKIAACTIVE0000000001", status: "Active" },
    { accessKeyId: "AKIAINACTIVE00000002", status: "Inactive" },
  ],
  groups: ["ses-senders", "mail-auditors"],
  attachedPolicyArns: ["arn:aws:iam::123456789012:policy/ses-send-raw"],
  inlinePolicyNames: ["quiet-hours"],
  hasLoginProfile: true,
  signingCertificateIds: ["CERT0000000000000001"],
  sshPublicKeyIds: ["APKA0000000000000001"],
  serviceSpecificCredentials: [{ id: "ACCA0000000000000001", serviceName: "codecommit.amazonaws.com" }],
  mfaDevices: [
    { serialNumber: "arn:aws:iam::123456789012:mfa/mailer-phone", virtual: true },
    { serialNumber: "GAHT12345678", virtual: false },
  ],
};

describe("userDeletionPlan", () => {
  it("removes every kind of attachment in IAM's order, and the user last", () => {
    expect(userDeletionPlan(everything)).toEqual([
      { kind: "deactivate-access-key", accessKeyId: "AKIAACTIVE0000000001" },
      { kind: "delete-access-key", accessKeyId: "AKIAACTIVE0000000001" },
      // An inactive key is not deactivated again.
      { kind: "delete-access-key", accessKeyId: "AKIAINACTIVE00000002" },
      { kind: "remove-from-group", groupName: "ses-senders" },
      { kind: "remove-from-group", groupName: "mail-auditors" },
      { kind: "detach-managed-policy", policyArn: "arn:aws:iam::123456789012:policy/ses-send-raw" },
      { kind: "delete-inline-policy", policyName: "quiet-hours" },
      { kind: "delete-login-profile" },
      { kind: "delete-signing-certificate", certificateId: "CERT0000000000000001" },
      { kind: "delete-ssh-public-key", sshPublicKeyId: "APKA0000000000000001" },
      { kind: "delete-service-specific-credential", credentialId: "ACCA0000000000000001" },
      { kind: "deactivate-mfa-device", serialNumber: "arn:aws:iam::123456789012:mfa/mailer-phone" },
      // Only a virtual device is deleted; a hardware one is only deactivated (it belongs to a person).
      { kind: "delete-virtual-mfa-device", serialNumber: "arn:aws:iam::123456789012:mfa/mailer-phone" },
      { kind: "deactivate-mfa-device", serialNumber: "GAHT12345678" },
      { kind: "delete-user" },
    ]);
  });

  it("is only DeleteUser for a user with nothing attached", () => {
    const bare: UserInventory = { ...everything, accessKeys: [], groups: [], attachedPolicyArns: [], inlinePolicyNames: [], hasLoginProfile: false, signingCertificateIds: [], sshPublicKeyIds: [], serviceSpecificCredentials: [], mfaDevices: [] };
    expect(userDeletionPlan(bare)).toEqual([{ kind: "delete-user" }]);
  });

  it("says each step in words", () => {
    const lines = userDeletionPlan(everything).map((step) => describeDeletionStep(step, everything.userName));
    expect(lines[0]).toBe("deactivate access key AKIAACTIVE0000000001");
    expect(lines[3]).toBe("remove mailer.20250115 from group ses-senders");
    expect(lines.at(-1)).toBe("delete user mailer.20250115");
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe("isVirtualMfaSerial", () => {
  it("tells virtual devices (an mfa/ ARN) from hardware and FIDO ones", () => {
    expect(isVirtualMfaSerial("arn:aws:iam::123456789012:mfa/mailer-phone")).toBe(true);
    expect(isVirtualMfaSerial("arn:aws-us-gov:iam::123456789012:mfa/path/device")).toBe(true);
    expect(isVirtualMfaSerial("GAHT12345678")).toBe(false);
    expect(isVirtualMfaSerial("arn:aws:iam::123456789012:u2f/user/mailer/key-ABC")).toBe(false);
  });
});

describe("decodePolicyDocument", () => {
  // GetUserPolicy's PolicyDocument as moto 5.2.1 returns it, encoded as AWS does (RFC 3986): note
  // %20 for a space, %2B for "+", %25 for "%", and UTF-8 bytes for "é".
  const encoded =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22NotAt100%25Load%22%2C%22Effect%22%3A%22Deny%22%2C%22Action%22%3A%22ses%3A%2A%22%2C%22Resource%22%3A%22arn%3Aaws%3Ases%3Aeu-west-1%3A123456789012%3Aidentity/caf%C3%A9%20%26%20co%2Bx%22%7D%5D%7D";
  const decoded = `{"Version":"2012-10-17","Statement":[{"Sid":"NotAt100%Load","Effect":"Deny","Action":"ses:*","Resource":"arn:aws:ses:eu-west-1:123456789012:identity/café & co+x"}]}`;

  it("decodes IAM's URL-encoded document to the JSON that PutUserPolicy takes", () => {
    expect(decodePolicyDocument(encoded)).toBe(decoded);
    expect(JSON.parse(decodePolicyDocument(encoded)).Statement[0].Resource).toMatch(/café & co\+x$/);
  });

  it("leaves a document that is already JSON alone, even with a % in it", () => {
    expect(decodePolicyDocument(decoded)).toBe(decoded);
    expect(decodePolicyDocument(`\n  ${decoded}`)).toBe(`\n  ${decoded}`);
  });

  it("refuses text that is neither JSON nor valid URL-encoding", () => {
    expect(() => decodePolicyDocument("%7B%E0%A4%A")).toThrow(KeyrotateError);
  });
});

describe("copyDivergence", () => {
  const like: UserPermissions = {
    userName: "mailer.20250115",
    path: "/smtp/",
    permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/smtp-boundary",
    groups: ["mail-auditors", "ses-senders"],
    attachedPolicyArns: ["arn:aws:iam::123456789012:policy/ses-send-raw"],
    inlinePolicies: [{ name: "quiet-hours", document: "{}" }],
    tags: [{ key: "team", value: "mail" }],
  };
  const unfinished: UserPermissions = { ...like, userName: "mailer.20261201", groups: ["ses-senders"], attachedPolicyArns: [], inlinePolicies: [] };

  it("accepts an unfinished copy: same path, boundary and tags, nothing extra", () => {
    expect(copyDivergence(unfinished, like)).toEqual([]);
    expect(copyDivergence({ ...like, tags: [...like.tags].reverse() }, like)).toEqual([]);
  });

  it("names everything that shows the user is not our copy", () => {
    const stranger: UserPermissions = {
      userName: "mailer.20261201",
      path: "/people/",
      permissionsBoundaryArn: null,
      groups: ["admins", "ses-senders"],
      attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      inlinePolicies: [{ name: "extra", document: "{}" }],
      tags: [],
    };
    expect(copyDivergence(stranger, like)).toEqual([
      "path is /people/, not /smtp/",
      "permissions boundary is none, not arn:aws:iam::123456789012:policy/smtp-boundary",
      "tags are none, not team=mail",
      "it is also in group admins",
      "it also has managed policy arn:aws:iam::aws:policy/AdministratorAccess",
      "it also has inline policy extra",
    ]);
  });
});
