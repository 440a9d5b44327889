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

// One query, cheap enough to run around every request: a count of every table and a mark of every kind of
// change (a key's status or deletion, a location's edit or confirmation, a rotation's step). Same SQL on
// SQLite and PostgreSQL.
const FINGERPRINT: [string, string][] = [
  ["accounts", `SELECT COUNT(*) FROM "Account"`],
  ["accountsChanged", `SELECT MAX("updatedAt") FROM "Account"`],
  ["accountsRemoved", `SELECT COUNT("removedAt") FROM "Account"`],
  ["users", `SELECT COUNT(*) FROM "IamUser"`],
  ["usersDeleted", `SELECT COUNT("deletedAt") FROM "IamUser"`],
  ["usersSeen", `SELECT MAX("lastSeenAt") FROM "IamUser"`],
  ["keys", `SELECT COUNT(*) FROM "AccessKey"`],
  ["keysActive", `SELECT COUNT(*) FROM "AccessKey" WHERE "status" = 'Active'`],
  ["keysInactiveSince", `SELECT COUNT("inactiveSince") FROM "AccessKey"`],
  ["keysDeleted", `SELECT COUNT("deletedAt") FROM "AccessKey"`],
  ["keysSeen", `SELECT MAX("lastSeenAt") FROM "AccessKey"`],
  ["syncRuns", `SELECT COUNT(*) FROM "SyncRun"`],
  ["locations", `SELECT COUNT(*) FROM "Location"`],
  ["locationsChanged", `SELECT MAX("updatedAt") FROM "Location"`],
  ["locationsConfirmed", `SELECT COUNT("confirmedAt") FROM "Location"`],
  ["rotations", `SELECT COUNT(*) FROM "Rotation"`],
  ["rotationVersions", `SELECT SUM("version") FROM "Rotation"`],
  ["rotationsChanged", `SELECT MAX("updatedAt") FROM "Rotation"`],
  ["locationUpdates", `SELECT COUNT(*) FROM "RotationLocationUpdate"`],
  ["sessions", `SELECT COUNT(*) FROM "Session"`],
  ["leases", `SELECT COUNT(*) FROM "Lease"`],
  ["auditSuccesses", `SELECT COUNT(*) FROM "AuditEvent" WHERE "result" <> 'error'`],
];
const FINGERPRINT_SQL = `SELECT ${FINGERPRINT.map(([name, sql]) => `(${sql}) AS "${name}"`).join(", ")}`;

/** The marks above, as text (PostgreSQL counts are bigints, SQLite dates numbers or text). */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  const [row] = await db().$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  return Object.fromEntries(FINGERPRINT.map(([name]) => [name, String(row[name] instanceof Date ? (row[name] as Date).toISOString() : row[name])]));
}

/** Users and their keys (id and status) in each account, as IAM holds them. */
export async function iamState(endpoint: string, accountIds: string[]): Promise<Record<string, string[]>> {
  const perAccount = await Promise.all(
    accountIds.map(async (accountId) => {
      const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: await credentialsFor(endpoint, accountId) });
      const users = (await iam.send(new ListUsersCommand({}))).Users ?? [];
      const rows = await Promise.all(
        users.map(async (u) => {
          const keys = (await iam.send(new ListAccessKeysCommand({ UserName: u.UserName }))).AccessKeyMetadata ?? [];
          return `${u.UserName}: ${keys.map((k) => `${k.AccessKeyId}/${k.Status}`).sort().join(" ")}`;
        }),
      );
      iam.destroy();
      return [accountId, rows.sort()] as const;
    }),
  );
  return Object.fromEntries(perAccount);
}

async function credentialsFor(endpoint: string, accountId: string) {
  if (accountId === "123456789012") return { accessKeyId: "testing", secretAccessKey: "testing" };
  const sts = new STSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/keyrotate-check`, RoleSessionName: "check" }))).Credentials!;
  sts.destroy();
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}
