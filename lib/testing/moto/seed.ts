// Seeds the IAM emulator with users and access keys of given ages and last-use history.
//
// Test tooling, not app code: it talks to @aws-sdk/client-iam directly (lib/iam is the app's only
// importer) so that a bug in lib/iam cannot hide behind a seed that shares it.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  IAMClient,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { KeyStatus } from "../../iam/types.ts";
import { backdateKey } from "./process.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
// Eight requests in flight keep moto busy without piling up threads; 40 users take well under 2 s.
const CONCURRENCY = 8;

export type SeedKey = {
  ageDays: number;
  status?: KeyStatus;
  /** null or absent: never used. */
  lastUsed?: { daysAgo: number; service: string; region: string } | null;
};

export type SeedUser = {
  userName: string;
  path?: string;
  tags?: Record<string, string>;
  /** At most two (the AWS quota). List the older key first, as AWS lists keys in creation order. */
  keys: SeedKey[];
};

export type SeededKey = { userName: string; accessKeyId: string; secretAccessKey: string };

/** Seeds the emulator's default account (123456789012), or `accountId` through an assumed role, as AWS would. */
export async function seedIam(endpoint: string, users: SeedUser[], now = new Date(), opts: { accountId?: string } = {}): Promise<SeededKey[]> {
  users.forEach(checkUser);
  const iam = new IAMClient({
    endpoint,
    region: "us-east-1",
    credentials: opts.accountId ? await roleCredentials(endpoint, opts.accountId) : { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  try {
    const perUser = await mapWithConcurrency(users, CONCURRENCY, (user) => seedUser(iam, endpoint, user, now));
    return perUser.flat();
  } finally {
    iam.destroy();
  }
}

/** Takes seeded keys and their users out of the default account again, for a spec that seeded many. */
export async function unseedIam(endpoint: string, keys: SeededKey[]): Promise<void> {
  const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  try {
    await mapWithConcurrency(keys, CONCURRENCY, (k) => iam.send(new DeleteAccessKeyCommand({ UserName: k.userName, AccessKeyId: k.accessKeyId })));
    const users = [...new Set(keys.map((k) => k.userName))];
    await mapWithConcurrency(users, CONCURRENCY, (userName) => iam.send(new DeleteUserCommand({ UserName: userName })));
  } finally {
    iam.destroy();
  }
}

// Fail on fixture mistakes up front, rather than with a half-seeded account.
function checkUser(user: SeedUser): void {
  if (user.keys.length > 2) throw new Error(`${user.userName}: AWS allows at most 2 access keys per user`);
  for (const key of user.keys) {
    if (key.ageDays < 0) throw new Error(`${user.userName}: ageDays must not be negative`);
    if (key.lastUsed && (key.lastUsed.daysAgo < 0 || key.lastUsed.daysAgo > key.ageDays)) {
      throw new Error(`${user.userName}: a key cannot be used before it was created (or in the future)`);
    }
  }
}

async function seedUser(iam: IAMClient, endpoint: string, user: SeedUser, now: Date): Promise<SeededKey[]> {
  const tags = Object.entries(user.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  await iam.send(
    new CreateUserCommand({ UserName: user.userName, Path: user.path, Tags: tags.length ? tags : undefined }),
  );
  const seeded: SeededKey[] = [];
  // One key at a time: creation order is the order ListAccessKeys and the credential report use.
  for (const key of user.keys) {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: user.userName }));
    if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey) {
      throw new Error(`${user.userName}: CreateAccessKey returned no key`);
    }
    if (key.status === "Inactive") {
      await iam.send(
        new UpdateAccessKeyCommand({ UserName: user.userName, AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }),
      );
    }
    await backdateKey(endpoint, {
      accessKeyId: AccessKey.AccessKeyId,
      createDate: daysBefore(now, key.ageDays),
      lastUsed: key.lastUsed ? { ...key.lastUsed, date: daysBefore(now, key.lastUsed.daysAgo) } : null,
    });
    seeded.push({
      userName: user.userName,
      accessKeyId: AccessKey.AccessKeyId,
      secretAccessKey: AccessKey.SecretAccessKey,
    });
  }
  return seeded;
}

/** moto puts calls signed with an assumed role's credentials into the role ARN's account. */
async function roleCredentials(endpoint: string, accountId: string) {
  const sts = new STSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/keyrotate-seed`, RoleSessionName: "seed" }));
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  } finally {
    sts.destroy();
  }
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Like Promise.all over items.map(fn), with at most `limit` calls in flight; keeps input order. */
async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
