// Everything a request could have changed, read back in full: every table (the audit trail's successes;
// a refusal may be audited) and every user and key in IAM. Equal before and after: nothing was written.
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { db } from "../db/client.ts";

export async function databaseState() {
  const d = db();
  const byId = { orderBy: { id: "asc" as const } };
  const [accounts, users, keys, syncRuns, locations, rotations, locationUpdates, sessions, leases, auditSuccesses] = await Promise.all([
    d.account.findMany(byId),
    d.iamUser.findMany(byId),
    d.accessKey.findMany({ orderBy: { accessKeyId: "asc" } }),
    d.syncRun.findMany(byId),
    d.location.findMany(byId),
    d.rotation.findMany(byId),
    d.rotationLocationUpdate.findMany(byId),
    d.session.findMany(byId),
    d.lease.findMany({ orderBy: { name: "asc" } }),
    d.auditEvent.findMany({ where: { result: { not: "error" } }, ...byId }),
  ]);
  return { accounts, users, keys, syncRuns, locations, rotations, locationUpdates, sessions, leases, auditSuccesses };
}

/** Users and their keys (id and status) in each account, as IAM holds them. */
export async function iamState(endpoint: string, accountIds: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const accountId of accountIds) {
    const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: await credentialsFor(endpoint, accountId) });
    const users = (await iam.send(new ListUsersCommand({}))).Users ?? [];
    const rows: string[] = [];
    for (const u of users) {
      const keys = (await iam.send(new ListAccessKeysCommand({ UserName: u.UserName }))).AccessKeyMetadata ?? [];
      rows.push(`${u.UserName}: ${keys.map((k) => `${k.AccessKeyId}/${k.Status}`).sort().join(" ")}`);
    }
    out[accountId] = rows.sort();
    iam.destroy();
  }
  return out;
}

async function credentialsFor(endpoint: string, accountId: string) {
  if (accountId === "123456789012") return { accessKeyId: "testing", secretAccessKey: "testing" };
  const sts = new STSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/keyrotate-check`, RoleSessionName: "check" }))).Credentials!;
  sts.destroy();
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}
