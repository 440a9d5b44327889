import "server-only";
// Signed-in people. Rows are keyed by the SHA-256 of the browser's token (see lib/auth/session.ts).
import { db } from "./client.ts";
import type { Role } from "../auth/roles.ts";

export type SessionRecord = {
  id: string;
  subject: string;
  name: string;
  email: string | null;
  role: Role;
  provider: "oidc" | "demo";
  idToken: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

type Row = Omit<SessionRecord, "role" | "provider"> & { role: string; provider: string };

const toRecord = (row: Row): SessionRecord => ({
  ...row,
  role: row.role === "admin" || row.role === "rotator" ? row.role : "viewer",
  provider: row.provider === "oidc" ? "oidc" : "demo",
});

export async function createSession(data: SessionRecord): Promise<void> {
  await db().session.create({ data });
}

export async function findSession(id: string): Promise<SessionRecord | null> {
  const row = await db().session.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

export async function touchSession(id: string, at: Date): Promise<void> {
  await db().session.updateMany({ where: { id }, data: { lastSeenAt: at } });
}

export async function deleteSession(id: string): Promise<SessionRecord | null> {
  const row = await db().session.findUnique({ where: { id } });
  if (row) await db().session.deleteMany({ where: { id } });
  return row ? toRecord(row) : null;
}

/** Forgets sessions past their deadline; returns how many. */
export async function deleteExpiredSessions(now: Date): Promise<number> {
  return (await db().session.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
