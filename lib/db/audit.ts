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

export async function listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const rows = await db().auditEvent.findMany({
    where: {
      actor: filter.actor ? { contains: filter.actor } : undefined,
      actorId: filter.actorId || undefined,
      accessKeyId: filter.accessKeyId || undefined,
      action: filter.action ? { startsWith: filter.action } : undefined,
      at: filter.from || filter.to ? { gte: filter.from, lte: filter.to } : undefined,
    },
    orderBy: { at: "desc" },
    take: filter.limit ?? 500,
  });
  return rows.map((r) => ({ ...r, result: r.result === "ok" ? "ok" : "error" }));
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

/** When keyrotate last made this key Inactive, if it did: the start of its inactive period. */
export async function lastDeactivation(accessKeyId: string): Promise<Date | null> {
  const row = await db().auditEvent.findFirst({
    where: { accessKeyId, result: "ok", action: { in: ["key.deactivate", "rotation.deactivate-old"] } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return row?.at ?? null;
}
