import "server-only";
// The audit trail. Append-only: this module only inserts and reads, and the database's triggers
// refuse UPDATE and DELETE on the table (see the first migration).
import { db } from "./client.ts";

export type AuditRecord = {
  actor: string;
  actorId?: string | null;
  actorRole?: string | null;
  requestId?: string | null;
  action: string;
  accountId?: string | null;
  userName?: string | null;
  accessKeyId?: string | null;
  input?: Record<string, unknown> | null;
  result: "ok" | "error";
  message?: string | null;
};

export type AuditEntry = Omit<AuditRecord, "input"> & { id: string; at: Date; input: string | null };

export async function appendAudit(record: AuditRecord): Promise<void> {
  await db().auditEvent.create({
    data: { ...record, input: record.input ? JSON.stringify(record.input) : null },
  });
}

export type AuditFilter = {
  actor?: string;
  /** A person's stable subject, exactly. */
  actorId?: string;
  accessKeyId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit?: number;
};

const whereOf = (filter: AuditFilter) => ({
  actor: filter.actor ? { contains: filter.actor } : undefined,
  actorId: filter.actorId || undefined,
  accessKeyId: filter.accessKeyId || undefined,
  action: filter.action ? { startsWith: filter.action } : undefined,
  at: filter.from || filter.to ? { gte: filter.from, lte: filter.to } : undefined,
});

const newestFirst = [{ at: "desc" as const }, { id: "desc" as const }];

type AuditRow = Omit<AuditEntry, "result"> & { result: string };
const toEntry = (r: AuditRow): AuditEntry => ({ ...r, result: r.result === "ok" ? "ok" : "error" });

export async function listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const rows = await db().auditEvent.findMany({ where: whereOf(filter), orderBy: newestFirst, take: filter.limit ?? 500 });
  return rows.map(toEntry);
}

/** Every matching record, newest first, a page at a time: an export never holds the whole trail in memory. */
export async function* auditPages(filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditEntry[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: whereOf(filter),
      orderBy: newestFirst,
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map(toEntry);
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1].id;
  }
}

/** Everyone who appears in the trail, for the audit page's person filter. */
export async function listAuditPeople(): Promise<{ actorId: string; actor: string }[]> {
  const rows = await db().auditEvent.findMany({
    where: { actorId: { not: null } },
    distinct: ["actorId"],
    select: { actorId: true, actor: true },
    orderBy: { actorId: "asc" },
    take: 500,
  });
  return rows.map((r) => ({ actorId: r.actorId!, actor: r.actor }));
}
