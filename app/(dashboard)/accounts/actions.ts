"use server";
// Admins add and remove the accounts keyrotate manages.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { addAccount, removeAccount } from "@/lib/accounts/registry.ts";
import { accountNameSchema, newAccountSchema } from "@/lib/accounts/schema.ts";

export const addAccountAction = defineAction({
  name: "account.add",
  permission: "accounts.manage",
  input: newAccountSchema,
  // The external id is a shared secret with the role's trust policy: the audit says only that one was set.
  summary: (i) => ({ ...i, externalId: i.externalId ? "(set)" : undefined }),
  run: (i, { actor }) => addAccount(i, actor.name),
  done: (a) => ({
    message: `Added account ${a.name} (${a.id})${a.roleArn ? ` through ${a.roleArn}` : ", the credentials' own"}; changing keys needs ${a.changeRole}.`,
    target: { accountId: a.id },
  }),
});

export const removeAccountAction = defineAction({
  name: "account.remove",
  permission: "accounts.manage",
  input: z.object({ name: accountNameSchema }),
  run: (i) => removeAccount(i.name),
  done: (a) => ({ message: `Removed account ${a.name} (${a.id}); its history stays.`, target: { accountId: a.id } }),
});
