import "server-only";
// API tokens: made, listed, revoked, and checked when a script calls /api/v1. A token is `kr_` and
// 32 random bytes (base64url): the prefix lets secret scanners and people recognise one. Only its
// SHA-256 is stored, so a copy of the database holds nothing a script could send.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { appendAudit, type AuditRecord } from "../db/audit.ts";
import { createApiToken, findApiTokenByHash, markApiTokenUsed, revokeApiToken, type ApiTokenRecord } from "../db/api-tokens.ts";
import { KeyrotateError } from "../errors.ts";
import { ROLES, type Actor } from "../auth/roles.ts";

export const TOKEN_PREFIX = "kr_";
const TOKEN_SHAPE = /^kr_[A-Za-z0-9_-]{43}$/;
/** A token's uses are recorded (lastUsedAt, and one "api.read" audit record) at most this often. */
export const USE_RECORD_INTERVAL_MS = 60_000;

export const tokenNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "A token name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");

export const newTokenSchema = z.object({
  name: tokenNameSchema,
  role: z.enum(ROLES, { message: `The role is one of ${ROLES.join(", ")}.` }).default("viewer"),
});

export type NewToken = z.output<typeof newTokenSchema>;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes and stores a token; the token itself is in the result and nowhere else. */
export async function issueApiToken(input: NewToken, by: { name: string; id: string | null }): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = await createApiToken({ name: input.name, role: input.role, tokenHash: hashApiToken(token), createdBy: by.name, createdById: by.id });
  return { token, record };
}

export async function revokeApiTokenNamed(name: string, by: string): Promise<ApiTokenRecord> {
  const revoked = await revokeApiToken(name, by);
  if (!revoked) throw new KeyrotateError("not-found", `No live token named ${name}: see the token list.`);
  return revoked;
}

/** The actor a token stands for in the audit trail and the permission check. */
export function tokenActor(t: ApiTokenRecord, requestId?: string): Actor {
  return { name: `token:${t.name}`, role: t.role, subject: `token:${t.id}`, requestId };
}

/** The live token an `Authorization` header carries, or null (none, malformed, unknown or revoked). */
export async function tokenFromHeader(header: string | null): Promise<ApiTokenRecord | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  if (!match || !TOKEN_SHAPE.test(match[1])) return null;
  const record = await findApiTokenByHash(hashApiToken(match[1]));
  return record && !record.revokedAt ? record : null;
}

/**
 * Audits a read by a token, once a minute per token: a script polling every few seconds would
 * otherwise bury the trail. The record names the first request of the minute.
 */
export async function recordTokenUse(t: ApiTokenRecord, what: { method: string; path: string; query: string; requestId?: string }, now = new Date()): Promise<boolean> {
  if (!(await markApiTokenUsed(t.id, now, new Date(now.getTime() - USE_RECORD_INTERVAL_MS)))) return false;
  const actor = tokenActor(t, what.requestId);
  const record: AuditRecord = {
    actor: actor.name,
    actorId: actor.subject,
    actorRole: actor.role,
    requestId: what.requestId ?? null,
    action: "api.read",
    input: { method: what.method, path: what.path, ...(what.query ? { query: what.query } : {}) },
    result: "ok",
    message: `${what.method} ${what.path}${what.query} (further reads with this token in the next minute are not recorded)`,
  };
  await appendAudit(record);
  return true;
}
