import "server-only";
// The flags of lib/inventory/flags.ts as SQL conditions on a live key `k` ("AccessKey"), so the dashboard
// can filter, count and page in the database. flags.ts stays the definition; these conditions are checked
// against it on generated keys (key-page.int.test.ts), on SQLite and PostgreSQL. Both providers compare
// dates the same way: PostgreSQL as timestamps, SQLite as the ISO text Prisma's adapter writes and binds.
import { Prisma } from "./generated/sqlite/client.ts";
import type { Flag, Thresholds } from "../inventory/flags.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const TRUE = Prisma.sql`1 = 1`;

const createDate = Prisma.raw(`k."createDate"`);
const lastUsedDate = Prisma.raw(`k."lastUsedDate"`);
const active = Prisma.sql`k."status" = 'Active'`;
const inactive = Prisma.sql`k."status" <> 'Active'`;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

// ageInDays is floor(elapsed / day), at least 0. So "age > n" holds exactly when a full n + 1 days have
// elapsed, and "age >= n" when n days have (always, for n <= 0).
const olderThan = (column: Prisma.Sql, now: Date, days: number) => (days < 0 ? TRUE : Prisma.sql`${column} <= ${daysBefore(now, days + 1)}`);
const atLeast = (column: Prisma.Sql, now: Date, days: number) => (days <= 0 ? TRUE : Prisma.sql`${column} <= ${daysBefore(now, days)}`);

/** The user has another live key (computeFlags: userKeyCount > 1, the key itself being live). */
export const hasTwinKey = Prisma.sql`EXISTS (SELECT 1 FROM "AccessKey" o WHERE o."iamUserId" = k."iamUserId" AND o."deletedAt" IS NULL AND o."accessKeyId" <> k."accessKeyId")`;
export const locationCount = Prisma.sql`(SELECT COUNT(*) FROM "Location" l WHERE l."accessKeyId" = k."accessKeyId")`;

export function flagCondition(flag: Flag, now: Date, t: Thresholds): Prisma.Sql {
  const overdue = Prisma.sql`(${active} AND ${olderThan(createDate, now, t.maxKeyAgeDays)})`;
  switch (flag) {
    case "overdue":
      return overdue;
    case "due-soon":
      return Prisma.sql`(${active} AND NOT ${overdue} AND ${atLeast(createDate, now, t.maxKeyAgeDays - t.dueSoonDays)})`;
    case "two-keys":
      return hasTwinKey;
    case "never-used":
      return Prisma.sql`(${lastUsedDate} IS NULL AND ${olderThan(createDate, now, t.neverUsedGraceDays)})`;
    case "inactive":
      return inactive;
    case "stale":
      return Prisma.sql`(${active} AND ${lastUsedDate} IS NOT NULL AND ${olderThan(lastUsedDate, now, t.staleDays)})`;
    case "no-locations":
      return Prisma.sql`(${active} AND ${lastUsedDate} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Location" l WHERE l."accessKeyId" = k."accessKeyId"))`;
  }
}

/** The live keys each flag is held back from by an exemption in force (lib/db/exemptions.ts exemptKeysByFlag). */
export type ExemptKeys = Map<Flag, string[]>;

const notAmong = (ids: string[] | undefined) => (ids?.length ? Prisma.sql` AND k."accessKeyId" NOT IN (${Prisma.join(ids)})` : Prisma.empty);

/**
 * The flag is raised: its condition holds and no exemption in force holds it back (KeyRow.flags). Exemptions
 * are few, so their keys are listed rather than joined: with none, the condition is the flag's alone.
 */
export function raisedCondition(flag: Flag, now: Date, t: Thresholds, exempt: ExemptKeys): Prisma.Sql {
  return Prisma.sql`(${flagCondition(flag, now, t)}${notAmong(exempt.get(flag))})`;
}

/** The key carries at least one exemption in force (KeyRow.exemptions is not empty). */
export function exemptedCondition(exempt: ExemptKeys): Prisma.Sql {
  const ids = [...new Set([...exempt.values()].flat())];
  return ids.length ? Prisma.sql`k."accessKeyId" IN (${Prisma.join(ids)})` : Prisma.sql`1 = 0`;
}
