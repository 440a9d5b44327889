import "server-only";
// Discovery runs: what each discovery of a system and environment saw (ids, names, files; never values).
import { db } from "./client.ts";

export type DiscoveredOccurrence = { accountId: string | null; accessKeyId: string; identifier: string; file: string; line: number };

export type DiscoveryRunRecord = {
  id: string;
  system: string;
  environment: string;
  source: "cli" | "dashboard";
  actor: string;
  at: Date;
  occurrences: DiscoveredOccurrence[];
};

export type NewDiscoveryRun = Omit<DiscoveryRunRecord, "id" | "at">;

const occurrenceFields = { accountId: true, accessKeyId: true, identifier: true, file: true, line: true } as const;

export async function saveDiscoveryRun(run: NewDiscoveryRun): Promise<{ id: string; at: Date }> {
  const { occurrences, ...fields } = run;
  // One statement, so a run is never stored with half its occurrences.
  const row = await db().discoveryRun.create({ data: { ...fields, occurrences: { create: occurrences } }, select: { id: true, at: true } });
  return row;
}

/** The newest run of each system and environment, with what it saw. */
export async function latestDiscoveryRuns(): Promise<DiscoveryRunRecord[]> {
  const runs = await db().discoveryRun.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true, system: true, environment: true, at: true } });
  const latest = new Map<string, string>();
  for (const r of runs) {
    const place = JSON.stringify([r.system, r.environment]);
    if (!latest.has(place)) latest.set(place, r.id);
  }
  const rows = await db().discoveryRun.findMany({
    where: { id: { in: [...latest.values()] } },
    include: { occurrences: { select: occurrenceFields, orderBy: [{ file: "asc" }, { line: "asc" }] } },
    orderBy: [{ system: "asc" }, { environment: "asc" }],
  });
  return rows.map((r) => ({ ...r, source: r.source as DiscoveryRunRecord["source"] }));
}
