import "server-only";
// A key's last use as keyrotate observed it over time. Only a change is kept: a rotation page polling every
// few seconds must not write a row per poll.
import { db } from "./client.ts";

export type KeyUsageObservation = { accountId: string; accessKeyId: string; lastUsedDate: Date | null };
export type KeyUsageSampleRecord = KeyUsageObservation & { observedAt: Date };

const time = (d: Date | null) => d?.getTime() ?? null;

/** Writes the observations whose last use differs from the key's latest sample (or that have none). */
export async function recordKeyUsage(observations: KeyUsageObservation[], observedAt: Date): Promise<number> {
  let written = 0;
  for (const o of observations) {
    const latest = await db().keyUsageSample.findFirst({
      where: { accessKeyId: o.accessKeyId },
      orderBy: { observedAt: "desc" },
      select: { lastUsedDate: true },
    });
    if (latest && time(latest.lastUsedDate) === time(o.lastUsedDate)) continue;
    await db().keyUsageSample.create({ data: { ...o, observedAt } });
    written++;
  }
  return written;
}

/** The samples of these keys, oldest first, with the latest one before `from` so a chart knows where it started. */
export async function listKeyUsage(accessKeyIds: string[], from: Date, to: Date): Promise<KeyUsageSampleRecord[]> {
  const select = { accountId: true, accessKeyId: true, observedAt: true, lastUsedDate: true } as const;
  const [before, during] = await Promise.all([
    Promise.all(
      accessKeyIds.map((accessKeyId) =>
        db().keyUsageSample.findFirst({ where: { accessKeyId, observedAt: { lt: from } }, orderBy: { observedAt: "desc" }, select }),
      ),
    ),
    db().keyUsageSample.findMany({ where: { accessKeyId: { in: accessKeyIds }, observedAt: { gte: from, lte: to } }, orderBy: { observedAt: "asc" }, take: 1000, select }),
  ]);
  return [...before.filter((s) => s !== null), ...during];
}
