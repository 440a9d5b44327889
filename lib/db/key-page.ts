import "server-only";
// One page of the dashboard's keys, filtered, sorted and counted by the database: 10,000 keys cost one
// page of rows and a few aggregates, not the whole inventory in memory.
import { db } from "./client.ts";
import { Prisma } from "./generated/sqlite/client.ts";
import { exemptKeysByFlag } from "./exemptions.ts";
import { exemptedCondition, locationCount, raisedCondition, type ExemptKeys } from "./key-flag-sql.ts";
import { listKeysByIds, type StoredKey } from "./keys.ts";
import { FLAGS, type Flag, type Thresholds } from "../inventory/flags.ts";
import { pageCount, type KeyView, type SortKey } from "../inventory/key-view.ts";

const FROM = Prisma.sql`FROM "AccessKey" k JOIN "IamUser" u ON u."id" = k."iamUserId" JOIN "Account" a ON a."id" = k."accountId"`;

const SORT_COLUMN: Record<SortKey, Prisma.Sql> = {
  user: Prisma.sql`u."userName"`,
  account: Prisma.sql`COALESCE(a."name", k."accountId")`,
  key: Prisma.sql`k."accessKeyId"`,
  status: Prisma.sql`k."status"`,
  // Oldest first is "age descending": the age is now minus the creation date.
  age: Prisma.sql`k."createDate"`,
  created: Prisma.sql`k."createDate"`,
  lastUsed: Prisma.sql`k."lastUsedDate"`,
  locations: locationCount,
};

/** Matches the way people type: any part of a user name, key id, account name or id, case aside. */
function textCondition(q: string): Prisma.Sql {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: Prisma.Sql) => Prisma.sql`LOWER(${column}) LIKE ${pattern} ESCAPE '\\'`;
  return Prisma.sql`(${Prisma.join(
    [like(Prisma.sql`u."userName"`), like(Prisma.sql`k."accessKeyId"`), like(Prisma.sql`COALESCE(a."name", '')`), like(Prisma.sql`k."accountId"`)],
    " OR ",
  )})`;
}

/** A set of IAM user ids, or its complement (lib/owners/teams.ts picks the shorter). */
export type UserIdSet = { in: string[] } | { notIn: string[] };

function usersCondition(users: UserIdSet): Prisma.Sql {
  if ("in" in users) return users.in.length ? Prisma.sql`k."iamUserId" IN (${Prisma.join(users.in)})` : Prisma.sql`1 = 0`;
  return users.notIn.length ? Prisma.sql`k."iamUserId" NOT IN (${Prisma.join(users.notIn)})` : Prisma.sql`1 = 1`;
}

function whereOf(view: Pick<KeyView, "q" | "flag" | "status" | "account">, now: Date, t: Thresholds, users: UserIdSet | null, exempt: ExemptKeys): Prisma.Sql {
  const conditions = [Prisma.sql`k."deletedAt" IS NULL`];
  if (view.q) conditions.push(textCondition(view.q));
  if (view.flag === "exempted") conditions.push(exemptedCondition(exempt));
  else if (view.flag) conditions.push(raisedCondition(view.flag, now, t, exempt));
  if (view.status) conditions.push(Prisma.sql`k."status" = ${view.status}`);
  if (view.account) conditions.push(Prisma.sql`k."accountId" = ${view.account}`);
  if (users) conditions.push(usersCondition(users));
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

function orderOf(sort: SortKey, dir: "asc" | "desc"): Prisma.Sql {
  const ascending = sort === "age" ? dir === "desc" : dir === "asc";
  // Never-used keys sort as the oldest use on both providers (their NULLs default to opposite ends).
  const order = Prisma.raw(ascending ? "ASC NULLS FIRST" : "DESC NULLS LAST");
  // The key id breaks ties, so a row never shows on two pages.
  return Prisma.sql`ORDER BY ${SORT_COLUMN[sort]} ${order}, k."accessKeyId" ASC`;
}

// COUNT and SUM are bigint on PostgreSQL, number on SQLite; SUM over nothing is NULL.
const count = (value: bigint | number | null) => Number(value ?? 0);

export type KeyPage = { keys: StoredKey[]; total: number; page: number; pages: number };

/** The page asked for, or the last one when the filters left fewer. `users`: the owner filter's users. */
export async function pageOfKeys(view: KeyView, now: Date, t: Thresholds, users: UserIdSet | null = null): Promise<KeyPage> {
  const where = whereOf(view, now, t, users, await exemptKeysByFlag(now));
  const [{ n }] = await db().$queryRaw<[{ n: bigint | number }]>`SELECT COUNT(*) AS n ${FROM} ${where}`;
  const total = count(n);
  const pages = pageCount(total, view.size);
  const page = Math.min(view.page, pages);
  const limit = Prisma.raw(`LIMIT ${view.size} OFFSET ${(page - 1) * view.size}`);
  const ids = await db().$queryRaw<{ accessKeyId: string }[]>`SELECT k."accessKeyId" AS "accessKeyId" ${FROM} ${where} ${orderOf(view.sort, view.dir)} ${limit}`;
  return { keys: await listKeysByIds(ids.map((r) => r.accessKeyId)), total, page, pages };
}

export type KeyCounts = { keys: number; usersWithTwoKeys: number; exempted: number } & Record<Flag, number>;

/** Every live key counted by raised flag in one pass, the keys carrying an exemption, and the users holding two keys. */
export async function countKeys(now: Date, t: Thresholds): Promise<KeyCounts> {
  const exempt = await exemptKeysByFlag(now);
  const sums = FLAGS.map((f, i) => Prisma.sql`SUM(CASE WHEN ${raisedCondition(f, now, t, exempt)} THEN 1 ELSE 0 END) AS ${Prisma.raw(`f${i}`)}`);
  const [row] = await db().$queryRaw<[Record<string, bigint | number | null>]>`SELECT COUNT(*) AS n, SUM(CASE WHEN ${exemptedCondition(exempt)} THEN 1 ELSE 0 END) AS exempted, ${Prisma.join(sums)} FROM "AccessKey" k WHERE k."deletedAt" IS NULL`;
  const [{ users }] = await db().$queryRaw<[{ users: bigint | number }]>`SELECT COUNT(*) AS users FROM (SELECT k."iamUserId" FROM "AccessKey" k WHERE k."deletedAt" IS NULL AND ${raisedCondition("two-keys", now, t, exempt)} GROUP BY k."iamUserId") t`;
  const flags = Object.fromEntries(FLAGS.map((f, i) => [f, count(row[`f${i}`])])) as Record<Flag, number>;
  return { keys: count(row.n), usersWithTwoKeys: count(users), exempted: count(row.exempted), ...flags };
}

export type UserCounts = { total: number; overdue: number; dueSoon: number; neverUsed: number };

/** Live keys per IAM user, with the raised flags that decide compliance: one grouped query. */
export async function countKeysByUser(now: Date, t: Thresholds): Promise<Map<string, UserCounts>> {
  const exempt = await exemptKeysByFlag(now);
  const sum = (f: Flag) => Prisma.sql`SUM(CASE WHEN ${raisedCondition(f, now, t, exempt)} THEN 1 ELSE 0 END)`;
  const rows = await db().$queryRaw<Array<{ id: string; n: bigint | number; o: bigint | number | null; d: bigint | number | null; u: bigint | number | null }>>`
    SELECT k."iamUserId" AS id, COUNT(*) AS n, ${sum("overdue")} AS o, ${sum("due-soon")} AS d, ${sum("never-used")} AS u
    FROM "AccessKey" k WHERE k."deletedAt" IS NULL GROUP BY k."iamUserId"`;
  return new Map(rows.map((r) => [r.id, { total: count(r.n), overdue: count(r.o), dueSoon: count(r.d), neverUsed: count(r.u) }]));
}

/** Accounts that hold live keys, for the account filter. */
export async function listAccountsWithKeys(): Promise<Array<{ id: string; name: string | null }>> {
  return db().account.findMany({ where: { keys: { some: { deletedAt: null } } }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
