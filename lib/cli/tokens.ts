// `keyrotate tokens create|list|revoke`: API tokens for scripts reading /api/v1. Whoever runs the CLI
// holds keyrotate's own AWS credentials and database, as an admin does.
import { z } from "zod";
import { issueApiToken, newTokenSchema, revokeApiTokenNamed, tokenNameSchema } from "../api/tokens.ts";
import { listApiTokens } from "../db/api-tokens.ts";
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import { cliActor } from "./actor.ts";
import { withDb } from "./output.ts";

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new KeyrotateError("invalid-input", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export async function cliCreateToken(name: string, opts: { role?: string }): Promise<void> {
  const input = parse(newTokenSchema, { name, role: opts.role });
  await withDb(async () => {
    const actor = await cliActor();
    const { token, record } = await issueApiToken(input, { name: actor.actor, id: actor.actorId ?? null });
    const message = `Created API token ${record.name} (role ${record.role}).`;
    await appendAudit({ ...actor, action: "token.create", input, result: "ok", message });
    console.log(`${message} It is shown once, below; keyrotate keeps only its hash.`);
    // Alone on the last line, so a script can take it with `tail -n 1`.
    console.log(token);
  });
}

export async function cliListTokens(opts: { json?: boolean }): Promise<void> {
  await withDb(async () => {
    const rows = (await listApiTokens()).map((t) => ({
      name: t.name,
      role: t.role,
      createdBy: t.createdBy,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
      revokedBy: t.revokedBy,
    }));
    if (opts.json) return console.log(JSON.stringify(rows, null, 2));
    if (rows.length === 0) return console.log("No API token: create one with keyrotate tokens create NAME.");
    console.table(rows.map((r) => ({ name: r.name, role: r.role, created: r.createdAt, "last used": r.lastUsedAt ?? "never", revoked: r.revokedAt ?? "no" })));
  });
}

export async function cliRevokeToken(name: string): Promise<void> {
  const valid = parse(tokenNameSchema, name);
  await withDb(async () => {
    const actor = await cliActor();
    const token = await revokeApiTokenNamed(valid, actor.actor);
    const message = `Revoked API token ${token.name}: scripts using it now get 401.`;
    await appendAudit({ ...actor, action: "token.revoke", input: { name: token.name }, result: "ok", message });
    console.log(message);
  });
}
