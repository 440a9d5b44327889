// What must go before IAM deletes a user, in the order IAM requires. DeleteUser answers
// DeleteConflict while a user still has keys, group memberships, policies, a password, signing
// certificates, SSH keys, service-specific credentials or MFA devices: each is removed first.
// Pure: the runner in user-permissions.ts applies the steps.
import type { KeyStatus } from "./types.ts";

export type UserInventory = {
  userName: string;
  accessKeys: { accessKeyId: string; status: KeyStatus }[];
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicyNames: string[];
  hasLoginProfile: boolean;
  signingCertificateIds: string[];
  sshPublicKeyIds: string[];
  serviceSpecificCredentials: { id: string; serviceName: string }[];
  /** `virtual`: a virtual MFA device, which is deleted as well as deactivated. */
  mfaDevices: { serialNumber: string; virtual: boolean }[];
};

export type DeletionStep =
  | { kind: "deactivate-access-key"; accessKeyId: string }
  | { kind: "delete-access-key"; accessKeyId: string }
  | { kind: "remove-from-group"; groupName: string }
  | { kind: "detach-managed-policy"; policyArn: string }
  | { kind: "delete-inline-policy"; policyName: string }
  | { kind: "delete-login-profile" }
  | { kind: "delete-signing-certificate"; certificateId: string }
  | { kind: "delete-ssh-public-key"; sshPublicKeyId: string }
  | { kind: "delete-service-specific-credential"; credentialId: string }
  | { kind: "deactivate-mfa-device"; serialNumber: string }
  | { kind: "delete-virtual-mfa-device"; serialNumber: string }
  | { kind: "delete-user" };

/** "already-gone": IAM said NoSuchEntity, so an earlier (crashed) run or a person removed it. */
export type DeletionStepResult = { step: DeletionStep; outcome: "done" | "already-gone" };

/** Virtual MFA devices have an ARN serial `arn:aws:iam::<account>:mfa/<name>`; hardware and FIDO ones do not. */
export function isVirtualMfaSerial(serialNumber: string): boolean {
  return /^arn:aws[\w-]*:iam::\d{12}:mfa\//.test(serialNumber);
}

export function userDeletionPlan(inventory: UserInventory): DeletionStep[] {
  return [
    // An active key is switched off before it is deleted, so a failure half-way leaves it unusable.
    ...inventory.accessKeys.flatMap(({ accessKeyId, status }): DeletionStep[] => [
      ...(status === "Active" ? [{ kind: "deactivate-access-key" as const, accessKeyId }] : []),
      { kind: "delete-access-key", accessKeyId },
    ]),
    ...inventory.groups.map((groupName): DeletionStep => ({ kind: "remove-from-group", groupName })),
    ...inventory.attachedPolicyArns.map((policyArn): DeletionStep => ({ kind: "detach-managed-policy", policyArn })),
    ...inventory.inlinePolicyNames.map((policyName): DeletionStep => ({ kind: "delete-inline-policy", policyName })),
    ...(inventory.hasLoginProfile ? [{ kind: "delete-login-profile" as const }] : []),
    ...inventory.signingCertificateIds.map((certificateId): DeletionStep => ({ kind: "delete-signing-certificate", certificateId })),
    ...inventory.sshPublicKeyIds.map((sshPublicKeyId): DeletionStep => ({ kind: "delete-ssh-public-key", sshPublicKeyId })),
    ...inventory.serviceSpecificCredentials.map(({ id }): DeletionStep => ({ kind: "delete-service-specific-credential", credentialId: id })),
    ...inventory.mfaDevices.flatMap(({ serialNumber, virtual }): DeletionStep[] => [
      { kind: "deactivate-mfa-device", serialNumber },
      ...(virtual ? [{ kind: "delete-virtual-mfa-device" as const, serialNumber }] : []),
    ]),
    { kind: "delete-user" },
  ];
}

/** One line a person can read in a log or a confirmation list. */
export function describeDeletionStep(step: DeletionStep, userName: string): string {
  switch (step.kind) {
    case "deactivate-access-key":
      return `deactivate access key ${step.accessKeyId}`;
    case "delete-access-key":
      return `delete access key ${step.accessKeyId}`;
    case "remove-from-group":
      return `remove ${userName} from group ${step.groupName}`;
    case "detach-managed-policy":
      return `detach managed policy ${step.policyArn}`;
    case "delete-inline-policy":
      return `delete inline policy ${step.policyName}`;
    case "delete-login-profile":
      return `delete the console password of ${userName}`;
    case "delete-signing-certificate":
      return `delete signing certificate ${step.certificateId}`;
    case "delete-ssh-public-key":
      return `delete SSH public key ${step.sshPublicKeyId}`;
    case "delete-service-specific-credential":
      return `delete service-specific credential ${step.credentialId}`;
    case "deactivate-mfa-device":
      return `deactivate MFA device ${step.serialNumber}`;
    case "delete-virtual-mfa-device":
      return `delete virtual MFA device ${step.serialNumber}`;
    case "delete-user":
      return `delete user ${userName}`;
  }
}
