// Shared by the SMTP user rotation's integration tests: deps over the emulator (with what moto lacks
// supplied as AWS behaves, see iam-aws-gaps.ts), a clock the test moves, and a recorded 2nd line.
import { CreatePolicyCommand, GetUserCommand, IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import type { Actor } from "../auth/roles.ts";
import { createUserPermissionsGateway, type UserPermissionsGateway } from "../iam/user-permissions.ts";
import { defaultSmtpDeps, type SmtpDeps } from "../rotation/smtp-context.ts";
import { advanceSmtpRotation, loadSmtpRotation, type SmtpRotationCommand } from "../rotation/smtp-runner.ts";
import { withAwsGaps } from "./iam-aws-gaps.ts";

export const ACCOUNT = "123456789012";
export const alice: Actor = { name: "alice", role: "rotator", subject: "oidc:alice" };

export function smtpHarness() {
  let offsetMs = 0;
  let iam: IAMClient | undefined;
  let permissions: UserPermissionsGateway | undefined;
  const notices: string[] = [];
  // Built on first use: the emulator's endpoint is only in the environment once it has started.
  const client = () => (iam ??= withAwsGaps(new IAMClient({})));
  const deps: SmtpDeps = {
    ...defaultSmtpDeps,
    now: () => new Date(Date.now() + offsetMs),
    notify: async (n) => {
      notices.push(`${n.what} ${n.userName} ${n.accessKeyId} [${n.environments.join(",")}]`);
      return { ok: true };
    },
    userPermissions: async () => (permissions ??= createUserPermissionsGateway(client())),
  };
  return {
    deps,
    notices,
    client,
    /** Stands in for waiting: the rules run on `deps.now`. */
    wait: (ms: number) => {
      offsetMs += ms;
    },
    step: async (rotationId: string, command: SmtpRotationCommand, useDeps: SmtpDeps = deps, actor: Actor = alice) =>
      advanceSmtpRotation({ rotation: await loadSmtpRotation(rotationId), command, actor }, useDeps),
    keysOf: async (userName: string) =>
      ((await client().send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId!, status: k.Status })),
    exists: (userName: string) =>
      client()
        .send(new GetUserCommand({ UserName: userName }))
        .then(() => true, (error: { name?: string }) => (error.name?.startsWith("NoSuchEntity") ? false : Promise.reject(error))),
    boundary: async (name: string) =>
      (await client().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ses:*","Resource":"*"}]}' }))).Policy!.Arn!,
  };
}
