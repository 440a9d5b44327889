import "server-only";
// API tokens. Rows are found by the SHA-256 of the token a script sends (see lib/api/tokens.ts).
import { db } from "./client.ts";
import { KeyrotateError } from "../errors.ts";
import { isRole, type Role } from "../auth/roles.ts";

export type ApiTokenRecord = {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
};

type Row = Omit<ApiTokenRecord, "role"> & { role: string; tokenHash?: string };

// A role the code no longer knows reads as the least one rather than failing every request.
const toRecord = ({ tokenHash: _hash, ...row }: Row): ApiTokenRecord => ({ ...row, role: isRole(row.role) ? row.role : "viewer" });

export async function createApiToken(data: { name: string; tokenHash: string; role: Role; createdBy: string; createdById: string | null }): Promise<ApiTokenRecord> {
  try {
    return toRecord(await db().apiToken.create({ data }));
  } catch (error) {
    if ((error as { code?: string })?.code === "P2002") {
      throw new KeyrotateError("conflict", `A token named ${data.name} exists already (revoked ones keep their name): choose another name.`);
    }
    throw error;
  }
}

export async function listApiTokens(): Promise<ApiTokenRecord[]> {
  const rows = await db().apiToken.findMany({ orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] });
  return rows.map(toRecord);
}

export async function findApiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash } });
  return row ? toRecord(row) : null;
}

/** Revokes a live token; null when no live token has that name. */
export async function revokeApiToken(name: string, by: string, at = new Date()): Promise<ApiTokenRecord | null> {
  const { count } = await db().apiToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: at, revokedBy: by } });
  if (count === 0) return null;
  const row = await db().apiToken.findUnique({ where: { name } });
  return row ? toRecord(row) : null;
}

/**
 * Records a use unless one was recorded since `since`. True when this call recorded it: a single
 * conditional update, so several requests (or servers) at once record one use between them.
 */
export async function markApiTokenUsed(id: string, at: Date, since: Date): Promise<boolean> {
  const { count } = await db().apiToken.updateMany({
    where: { id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] },
    data: { lastUsedAt: at },
  });
  return count === 1;
}
