// The IAM command that carries out one step of a user's deletion plan (see user-deletion-plan.ts).
import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import type { DeletionStep } from "./user-deletion-plan.ts";

export function deletionCommand(UserName: string, step: DeletionStep) {
  switch (step.kind) {
    case "deactivate-access-key":
      return new UpdateAccessKeyCommand({ UserName, AccessKeyId: step.accessKeyId, Status: "Inactive" });
    case "delete-access-key":
      return new DeleteAccessKeyCommand({ UserName, AccessKeyId: step.accessKeyId });
    case "remove-from-group":
      return new RemoveUserFromGroupCommand({ UserName, GroupName: step.groupName });
    case "detach-managed-policy":
      return new DetachUserPolicyCommand({ UserName, PolicyArn: step.policyArn });
    case "delete-inline-policy":
      return new DeleteUserPolicyCommand({ UserName, PolicyName: step.policyName });
    case "delete-login-profile":
      return new DeleteLoginProfileCommand({ UserName });
    case "delete-signing-certificate":
      return new DeleteSigningCertificateCommand({ UserName, CertificateId: step.certificateId });
    case "delete-ssh-public-key":
      return new DeleteSSHPublicKeyCommand({ UserName, SSHPublicKeyId: step.sshPublicKeyId });
    case "delete-service-specific-credential":
      return new DeleteServiceSpecificCredentialCommand({ UserName, ServiceSpecificCredentialId: step.credentialId });
    case "deactivate-mfa-device":
      return new DeactivateMFADeviceCommand({ UserName, SerialNumber: step.serialNumber });
    case "delete-virtual-mfa-device":
      return new DeleteVirtualMFADeviceCommand({ SerialNumber: step.serialNumber });
    case "delete-user":
      return new DeleteUserCommand({ UserName });
  }
}
