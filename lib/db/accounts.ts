import "server-only";
// The AWS accounts keyrotate manages. Plain objects out.
import { db } from "./client.ts";
import type { Role } from "../auth/roles.ts";

export type AccountRecord = {
  id: string;
  name: string | null;
  roleArn: string | null;
  externalId: string | null;
  changeRole: Role;
  removedAt: Date | null;
  reportGeneratedAt: Date | null;
};

type Row = Omit<AccountRecord, "changeRole"> & { changeRole: string };
const toRecord = (r: Row): AccountRecord => ({ ...r, changeRole: r.changeRole === "admin" ? "admin" : r.changeRole === "viewer" ? "viewer" : "rotator" });
const select = { id: true, name: true, roleArn: true, externalId: true, changeRole: true, removedAt: true, reportGeneratedAt: true } as const;

/** Accounts someone configured (a name), removed ones only when asked. */
export async function listConfiguredAccounts(opts: { includeRemoved?: boolean } = {}): Promise<AccountRecord[]> {
  const rows = await db().account.findMany({
    where: { name: { not: null }, ...(opts.includeRemoved ? {} : { removedAt: null }) },
    select,
    orderBy: { name: "asc" },
  });
  return rows.map(toRecord);
}

/** Every account that has keys or a name: for filters and labels. */
export async function listKnownAccounts(): Promise<AccountRecord[]> {
  return (await db().account.findMany({ select, orderBy: [{ name: "asc" }, { id: "asc" }] })).map(toRecord);
}

export async function findAccount(id: string): Promise<AccountRecord | null> {
  const row = await db().account.findUnique({ where: { id }, select });
  return row ? toRecord(row) : null;
}

export async function findAccountByName(name: string): Promise<AccountRecord | null> {
  const row = await db().account.findUnique({ where: { name }, select });
  return row ? toRecord(row) : null;
}

/** Adds or re-adds an account under a name; a removed one comes back with the new settings. */
export async function saveAccount(a: { id: string; name: string; roleArn: string | null; externalId: string | null; changeRole: Role }): Promise<AccountRecord> {
  const data = { name: a.name, roleArn: a.roleArn, externalId: a.externalId, changeRole: a.changeRole, removedAt: null };
  const row = await db().account.upsert({ where: { id: a.id }, create: { id: a.id, ...data }, update: data, select });
  return toRecord(row);
}

/** Stops managing an account; its keys, locations, rotations and audit records stay. */
export async function markAccountRemoved(name: string, at = new Date()): Promise<AccountRecord | null> {
  const { count } = await db().account.updateMany({ where: { name, removedAt: null }, data: { removedAt: at } });
  return count ? findAccountByName(name) : null;
}

/** The account row a sync writes against; created on first sight, so a failed first sync can be recorded. */
export async function ensureAccount(id: string, name?: string): Promise<void> {
  await db().account.upsert({ where: { id }, create: { id, name: name ?? null }, update: {} });
}

export async function recordReportTime(id: string, generatedAt: Date): Promise<void> {
  await db().account.update({ where: { id }, data: { reportGeneratedAt: generatedAt } });
}
