import "server-only";
// Exemptions (lib/inventory/exemptions.ts says what they mean). Few rows: the ones in force are read whole
// for a list of keys, and the dashboard's SQL filters and counts get the keys they cover as lists
// (exemptKeysByFlag, used by key-flag-sql.ts).
import { cache } from "react";
import { db } from "./client.ts";
import type { ExemptionRecord } from "../inventory/exemptions.ts";
import type { Flag } from "../inventory/flags.ts";
import type { ExemptKeys } from "./key-flag-sql.ts";

export type StoredExemption = ExemptionRecord & { createdAt: Date; endedBy: string | null };

const toRecord = (r: Omit<StoredExemption, "flag"> & { flag: string }): StoredExemption => ({ ...r, flag: r.flag as Flag });

export async function listExemptionsInForce(now: Date): Promise<StoredExemption[]> {
  const rows = await db().exemption.findMany({ where: { endedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "asc" } });
  return rows.map(toRecord);
}

/** A user's exemptions, its keys' and its own, newest first: the ones in force and the past ones. */
export async function listExemptionsOfUser(accountId: string, userName: string, limit = 50): Promise<StoredExemption[]> {
  const rows = await db().exemption.findMany({ where: { accountId, userName }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(toRecord);
}

export async function findExemption(id: string): Promise<StoredExemption | null> {
  const row = await db().exemption.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

export type NewExemption = Pick<ExemptionRecord, "accountId" | "userName" | "accessKeyId" | "flag" | "reason" | "expiresAt" | "createdBy">;

export async function createExemption(e: NewExemption): Promise<StoredExemption> {
  return toRecord(await db().exemption.create({ data: e }));
}

/** Ends an exemption now; false when it had already ended (by someone else, or by this same click twice). */
export async function endExemption(id: string, by: string, at: Date): Promise<boolean> {
  const { count } = await db().exemption.updateMany({ where: { id, endedAt: null }, data: { endedAt: at, endedBy: by } });
  return count > 0;
}

/**
 * The live keys each flag is held back from: a key's own exemptions and its user's, in one query. Once per
 * request and `now` (the same Date object): the page, the summary and the groups of one request share it.
 */
export const exemptKeysByFlag = cache(async (now: Date): Promise<ExemptKeys> => {
  const rows = await db().$queryRaw<{ id: string; flag: Flag }[]>`
    SELECT DISTINCT k."accessKeyId" AS id, e."flag" AS flag
    FROM "Exemption" e JOIN "IamUser" u ON u."accountId" = e."accountId" AND u."userName" = e."userName"
    JOIN "AccessKey" k ON k."iamUserId" = u."id" AND k."deletedAt" IS NULL
    WHERE e."endedAt" IS NULL AND e."expiresAt" > ${now} AND (e."accessKeyId" IS NULL OR e."accessKeyId" = k."accessKeyId")`;
  const byFlag: ExemptKeys = new Map();
  for (const r of rows) byFlag.set(r.flag, [...(byFlag.get(r.flag) ?? []), r.id]);
  return byFlag;
});
