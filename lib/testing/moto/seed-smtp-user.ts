// Seeds an SES SMTP user the way teams set them up: an IAM path, groups, managed and inline policies,
// tags, and one access key last used for SES. Test tooling: talks to @aws-sdk/client-iam directly.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { backdateKey } from "./process.ts";

export type SeededSmtpUser = {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  groups: string[];
  managedPolicyArns: string[];
  inlinePolicies: Record<string, string>;
  tags: Record<string, string>;
};

const twice = (step: string) => [step, step];

/** What removing a seeded user deletes, in the order IAM requires: its key, both groups, both managed and both inline policies, the user. */
export const SEEDED_REMOVAL_ORDER = ["delete-access-key", ...twice("remove-from-group"), ...twice("detach-managed-policy"), ...twice("delete-inline-policy"), "delete-user"];

// Characters URL-encoding changes (spaces, quotes, +, &, %, é): IAM hands the document back encoded.
const sendFrom = (from: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "SendAs100%Ours", Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*", Condition: { StringLike: { "ses:FromAddress": from } } }],
  });

/**
 * `prefix` keeps each seed's groups and policies apart. `boundaryArn` is only read back through a client
 * that supplies boundaries (moto does not: see iam-aws-gaps.ts), so pass that client as `client`.
 */
export async function seedSmtpUser(
  endpoint: string,
  opts: { userName: string; prefix: string; boundaryArn?: string; lastUsedDaysAgo?: number; client?: IAMClient },
): Promise<SeededSmtpUser> {
  const own = opts.client ? null : new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const iam = opts.client ?? own!;
  const { userName, prefix } = opts;
  try {
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }] });
    const managedPolicyArns = [];
    for (const name of [`${prefix}-ses-send`, `${prefix}-ses-quota`]) {
      managedPolicyArns.push((await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!);
    }
    const groups = [`${prefix}-senders`, `${prefix}-auditors`];
    for (const GroupName of groups) await iam.send(new CreateGroupCommand({ GroupName }));
    const tags = { team: "mail & notify", owner: "ops+alerts@example.com" };
    await iam.send(
      new CreateUserCommand({
        UserName: userName,
        Path: "/smtp/",
        PermissionsBoundary: opts.boundaryArn,
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    for (const GroupName of groups) await iam.send(new AddUserToGroupCommand({ UserName: userName, GroupName }));
    for (const PolicyArn of managedPolicyArns) await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn }));
    const inlinePolicies = { "send-from-noreply": sendFrom("no-reply+alerts@example.com"), "send-from-cafe": sendFrom("café & co <cafe@example.com>") };
    for (const [PolicyName, PolicyDocument] of Object.entries(inlinePolicies)) {
      await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName, PolicyDocument }));
    }
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    const daysAgo = opts.lastUsedDaysAgo ?? 1;
    await backdateKey(endpoint, {
      accessKeyId: key.AccessKeyId!,
      createDate: new Date(Date.now() - 200 * 86_400_000),
      lastUsed: { date: new Date(Date.now() - daysAgo * 86_400_000), service: "ses", region: "eu-west-1" },
    });
    return {
      userName,
      accessKeyId: key.AccessKeyId!,
      secretAccessKey: key.SecretAccessKey!,
      groups,
      managedPolicyArns,
      inlinePolicies,
      tags,
    };
  } finally {
    own?.destroy();
  }
}
