// moto 5.2.1 lacks three IAM behaviours the user-permissions tests need. This layer over a real
// IAMClient pointed at moto supplies them as AWS behaves:
// - user permissions boundaries: moto's CreateUser accepts one but GetUser never returns it;
// - service-specific credentials: not implemented in moto (HTTP 500);
// - DeleteUser's DeleteConflict: moto deletes a user that still has keys, groups, a password...
//   (it refuses only for inline policies); AWS refuses. Here DeleteUser refuses as AWS does, so a
//   deletion that skipped a step fails in tests as it would in AWS.
// Everything else goes to moto unchanged.
import {
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteUserCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
} from "@aws-sdk/client-iam";

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** The real client, with what moto lacks supplied as AWS behaves (see the header). */
export function withAwsGaps(iam: IAMClient): IAMClient {
  const real = iam.send.bind(iam) as (command: unknown) => Promise<Record<string, unknown>>;
  const boundaries = new Map<string, string>();
  const credentials = new Map<string, { ServiceSpecificCredentialId: string; ServiceName: string; UserName: string }[]>();
  const stillHas = async (UserName: string): Promise<string[]> => {
    const lists = await Promise.all([
      real(new ListAccessKeysCommand({ UserName })).then((o) => ((o.AccessKeyMetadata as unknown[]) ?? []).length && "access keys"),
      real(new ListGroupsForUserCommand({ UserName })).then((o) => ((o.Groups as unknown[]) ?? []).length && "groups"),
      real(new ListAttachedUserPoliciesCommand({ UserName })).then((o) => ((o.AttachedPolicies as unknown[]) ?? []).length && "managed policies"),
      real(new GetLoginProfileCommand({ UserName })).then(() => "a login profile", () => 0),
      real(new ListSigningCertificatesCommand({ UserName })).then((o) => ((o.Certificates as unknown[]) ?? []).length && "certificates"),
      real(new ListSSHPublicKeysCommand({ UserName })).then((o) => ((o.SSHPublicKeys as unknown[]) ?? []).length && "SSH keys"),
      real(new ListMFADevicesCommand({ UserName })).then((o) => ((o.MFADevices as unknown[]) ?? []).length && "MFA devices"),
    ]);
    return [...lists.filter((x): x is string => typeof x === "string"), ...(credentials.get(UserName)?.length ? ["service-specific credentials"] : [])];
  };
  iam.send = (async (command: unknown) => {
    if (command instanceof CreateUserCommand) {
      const out = await real(command);
      if (command.input.PermissionsBoundary) boundaries.set(command.input.UserName!, command.input.PermissionsBoundary);
      return out;
    }
    if (command instanceof GetUserCommand) {
      const out = await real(command);
      const arn = boundaries.get(command.input.UserName!);
      if (arn) Object.assign(out.User as object, { PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: arn } });
      return out;
    }
    if (command instanceof DeleteUserCommand) {
      const UserName = command.input.UserName!;
      const left = await stillHas(UserName).catch(() => []);
      if (left.length) throw awsError("DeleteConflictException", `Cannot delete entity, must remove ${left.join(", ")} first.`);
      const out = await real(command);
      boundaries.delete(UserName);
      return out;
    }
    if (command instanceof CreateServiceSpecificCredentialCommand) {
      const UserName = command.input.UserName!;
      const credential = { ServiceSpecificCredentialId: `ACCA${UserName.length}${(credentials.get(UserName)?.length ?? 0) + 1}`.padEnd(21, "X"), ServiceName: command.input.ServiceName!, UserName };
      credentials.set(UserName, [...(credentials.get(UserName) ?? []), credential]);
      return { ServiceSpecificCredential: { ...credential, Status: "Active", ServicePassword: "not-a-real-password" } };
    }
    if (command instanceof ListServiceSpecificCredentialsCommand) {
      await real(new GetUserCommand({ UserName: command.input.UserName })); // NoSuchEntity, as AWS
      return { ServiceSpecificCredentials: credentials.get(command.input.UserName!) ?? [], IsTruncated: false };
    }
    if (command instanceof DeleteServiceSpecificCredentialCommand) {
      const list = credentials.get(command.input.UserName!) ?? [];
      if (!list.some((c) => c.ServiceSpecificCredentialId === command.input.ServiceSpecificCredentialId)) throw awsError("NoSuchEntityException", "No such credential.");
      credentials.set(command.input.UserName!, list.filter((c) => c.ServiceSpecificCredentialId !== command.input.ServiceSpecificCredentialId));
      return {};
    }
    return real(command);
  }) as IAMClient["send"];
  return iam;
}
