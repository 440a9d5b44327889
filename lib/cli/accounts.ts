// `keyrotate accounts add|list|remove`: the AWS accounts keyrotate manages.
import { z } from "zod";
import { addAccount, removeAccount } from "../accounts/registry.ts";
import { newAccountSchema } from "../accounts/schema.ts";
import { listConfiguredAccounts } from "../db/accounts.ts";
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import { cliActor } from "./actor.ts";
import { withDb } from "./output.ts";

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new KeyrotateError("invalid-input", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export async function cliAddAccount(name: string, opts: { roleArn?: string; externalId?: string; changeRole?: string }): Promise<void> {
  const input = parse(newAccountSchema, { name, ...opts });
  await withDb(async () => {
    const actor = await cliActor();
    const account = await addAccount(input, actor.actor);
    const message = `Added account ${account.name} (${account.id})${account.roleArn ? ` through ${account.roleArn}` : ", the credentials' own"}; changing keys needs ${account.changeRole}.`;
    await appendAudit({ ...actor, action: "account.add", accountId: account.id, input: { ...input, externalId: input.externalId ? "(set)" : undefined }, result: "ok", message });
    console.log(message);
  });
}

export async function cliListAccounts(opts: { json?: boolean }): Promise<void> {
  await withDb(async () => {
    const accounts = await listConfiguredAccounts({ includeRemoved: true });
    const rows = accounts.map((a) => ({
      name: a.name,
      accountId: a.id,
      roleArn: a.roleArn,
      externalId: a.externalId,
      changeRole: a.changeRole,
      removed: a.removedAt !== null,
      lastUsedDataAsOf: a.reportGeneratedAt?.toISOString() ?? null,
    }));
    if (opts.json) return console.log(JSON.stringify(rows, null, 2));
    if (rows.length === 0) return console.log("No account configured: keyrotate manages the credentials' own account as \"default\".");
    console.table(rows.map(({ externalId: _hidden, ...r }) => r));
  });
}

export async function cliRemoveAccount(name: string): Promise<void> {
  await withDb(async () => {
    const actor = await cliActor();
    const account = await removeAccount(name);
    const message = `Removed account ${account.name} (${account.id}); its history stays.`;
    await appendAudit({ ...actor, action: "account.remove", accountId: account.id, result: "ok", message });
    console.log(message);
  });
}
