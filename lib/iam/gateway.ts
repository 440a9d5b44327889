// The verbs keyrotate needs from IAM, over an injected IAMClient (the real one, or a paged fake in
// unit tests). Every list drains its paginator: IAM pages at 100 items by default.
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  IAMClient,
  UpdateAccessKeyCommand,
  paginateListAccessKeys,
  paginateListUsers,
  paginateListUserTags,
  type User,
} from "@aws-sdk/client-iam";
import pLimit from "p-limit";
import { fetchCredentialReport, type FetchOptions } from "./credential-report.ts";
import { toIamError } from "./errors.ts";
import type { IamAccessKey, IamAccessKeyWithUse, IamUser, IamUserWithKeys, KeyLastUsed, KeyStatus, NewAccessKey, Tag } from "./types.ts";

const NEVER: KeyLastUsed = { lastUsedDate: null, service: null, region: null };

function status(value: string | undefined): KeyStatus {
  return value === "Inactive" ? "Inactive" : "Active";
}

/** IAM reports "N/A" for a key never used; keyrotate says null. */
export function toLastUsed(raw?: { LastUsedDate?: Date; ServiceName?: string; Region?: string }): KeyLastUsed {
  if (!raw?.LastUsedDate) return NEVER;
  const clean = (v?: string) => (!v || v === "N/A" || v === "not_supported" ? null : v);
  return { lastUsedDate: raw.LastUsedDate, service: clean(raw.ServiceName), region: clean(raw.Region) };
}

/** Users list in pages of up to 1,000 (IAM's maximum): one call per thousand users instead of per hundred. */
const USERS_PER_PAGE = 1000;

export function createIamGateway(client: IAMClient) {
  // Counts every request this gateway sends (a sync reports it, a benchmark checks it). Paginators insist on
  // an IAMClient instance, so the counter is an object whose prototype is the client and whose `send` counts.
  let calls = 0;
  const iam: IAMClient = Object.create(client, {
    send: { value: (...args: Parameters<IAMClient["send"]>) => ((calls += 1), client.send(...args)) },
  });

  async function listUsers(): Promise<User[]> {
    const users: User[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: USERS_PER_PAGE }, {})) users.push(...(page.Users ?? []));
    return users;
  }

  async function listAccessKeys(userName: string): Promise<IamAccessKey[]> {
    const keys: IamAccessKey[] = [];
    for await (const page of paginateListAccessKeys({ client: iam }, { UserName: userName })) {
      for (const k of page.AccessKeyMetadata ?? []) {
        keys.push({
          accessKeyId: k.AccessKeyId!,
          userName,
          status: status(k.Status),
          createDate: k.CreateDate!,
        });
      }
    }
    return keys;
  }

  async function getAccessKeyLastUsed(accessKeyId: string): Promise<KeyLastUsed> {
    try {
      const out = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
      return toLastUsed(out.AccessKeyLastUsed);
    } catch (error) {
      throw toIamError(error, `reading last use of ${accessKeyId}`);
    }
  }

  async function keysWithUse(userName: string): Promise<IamAccessKeyWithUse[]> {
    const keys = await listAccessKeys(userName);
    return Promise.all(keys.map(async (k) => ({ ...k, lastUsed: await getAccessKeyLastUsed(k.accessKeyId) })));
  }

  async function listUserTags(userName: string): Promise<Tag[]> {
    const tags: Tag[] = [];
    for await (const page of paginateListUserTags({ client: iam }, { UserName: userName })) {
      for (const t of page.Tags ?? []) tags.push({ key: t.Key!, value: t.Value ?? "" });
    }
    return tags;
  }

  /** `tags`: the user's tags when the read included them (GetUser does, ListUsers does not), else null. */
  async function withKeys(u: User, tags: Tag[] | null): Promise<IamUserWithKeys> {
    const keys = await keysWithUse(u.UserName!);
    return { userName: u.UserName!, userId: u.UserId!, arn: u.Arn!, path: u.Path ?? "/", createDate: u.CreateDate!, tags, keys };
  }

  return {
    getAccessKeyLastUsed,

    /** Requests sent through this gateway so far. */
    calls: () => calls,

    /** Every user's own facts (no keys, no tags: ListUsers returns neither). */
    async listUsers(): Promise<IamUser[]> {
      try {
        return (await listUsers()).map((u) => ({ userName: u.UserName!, userId: u.UserId!, arn: u.Arn!, path: u.Path ?? "/", createDate: u.CreateDate! }));
      } catch (error) {
        throw toIamError(error, "listing users");
      }
    },

    /** The account's credential report (every user's key slots and last use in one document). */
    credentialReport: (opts?: FetchOptions) => fetchCredentialReport(iam, opts),

    async listUserTags(userName: string): Promise<Tag[]> {
      try {
        return await listUserTags(userName);
      } catch (error) {
        throw toIamError(error, `reading the tags of ${userName}`);
      }
    },

    /** One user as IAM sees it now: the truth a rotation step is decided on. */
    async getUserWithKeys(userName: string): Promise<IamUserWithKeys> {
      try {
        const out = await iam.send(new GetUserCommand({ UserName: userName }));
        const tags = (out.User!.Tags ?? []).map((t) => ({ key: t.Key!, value: t.Value ?? "" }));
        return await withKeys(out.User!, tags);
      } catch (error) {
        throw toIamError(error, `reading user ${userName}`);
      }
    },

    /** Every user with every key and its last use; `concurrency` bounds calls in flight; `withTags` reads each user's tags too. */
    async listUsersWithKeys({ concurrency = 8, withTags = false } = {}): Promise<IamUserWithKeys[]> {
      const limit = pLimit(concurrency);
      try {
        const users = await listUsers();
        return await Promise.all(users.map((u) => limit(async () => withKeys(u, withTags ? await listUserTags(u.UserName!) : null))));
      } catch (error) {
        throw toIamError(error, "listing users and keys");
      }
    },

    /** A user's keys with their last use, read again after a change (the user's own facts do not change). */
    async listAccessKeysWithUse(userName: string): Promise<IamAccessKeyWithUse[]> {
      try {
        return await keysWithUse(userName);
      } catch (error) {
        throw toIamError(error, `listing keys of ${userName}`);
      }
    },

    async listAccessKeys(userName: string): Promise<IamAccessKey[]> {
      try {
        return await listAccessKeys(userName);
      } catch (error) {
        throw toIamError(error, `listing keys of ${userName}`);
      }
    },

    async createAccessKey(userName: string): Promise<NewAccessKey> {
      try {
        const out = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
        const k = out.AccessKey!;
        return {
          accessKeyId: k.AccessKeyId!,
          secretAccessKey: k.SecretAccessKey!,
          userName,
          status: status(k.Status),
          createDate: k.CreateDate ?? new Date(),
        };
      } catch (error) {
        throw toIamError(error, `creating a key for ${userName}`);
      }
    },

    async setAccessKeyStatus(userName: string, accessKeyId: string, to: KeyStatus): Promise<void> {
      try {
        await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: to }));
      } catch (error) {
        throw toIamError(error, `setting ${accessKeyId} ${to}`);
      }
    },

    async deleteAccessKey(userName: string, accessKeyId: string): Promise<void> {
      try {
        await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }));
      } catch (error) {
        throw toIamError(error, `deleting ${accessKeyId}`);
      }
    },
  };
}

export type IamGateway = ReturnType<typeof createIamGateway>;
