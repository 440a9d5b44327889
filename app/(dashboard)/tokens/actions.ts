"use server";
// Admins create and revoke the API tokens scripts use to read /api/v1.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { issueApiToken, newTokenSchema, revokeApiTokenNamed, tokenNameSchema } from "@/lib/api/tokens.ts";

export const createTokenAction = defineAction({
  name: "token.create",
  permission: "tokens.manage",
  input: newTokenSchema,
  run: (i, { actor }) => issueApiToken(i, { name: actor.name, id: actor.subject ?? null }),
  done: ({ record }) => ({ message: `Created API token ${record.name} (role ${record.role}).` }),
  // The token goes to the admin's screen once; the audit record holds only its name and role.
  reply: ({ token, record }) => ({ name: record.name, role: record.role, token }),
});

export const revokeTokenAction = defineAction({
  name: "token.revoke",
  permission: "tokens.manage",
  input: z.object({ name: tokenNameSchema }),
  run: (i, { actor }) => revokeApiTokenNamed(i.name, actor.name),
  done: (t) => ({ message: `Revoked API token ${t.name}: scripts using it now get 401.` }),
});
