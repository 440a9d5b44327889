"use server";
// One-click key actions. Thin: validate, authorize and audit through defineAction; the rules decide.
import { z } from "zod";
import { defineAction, type AuditTarget } from "@/lib/auth/action.ts";
import { findKeyOwner } from "@/lib/db/keys.ts";
import { accessKeyIdSchema, userNameSchema } from "@/lib/locations/schema.ts";
import { createKeyForUser, deactivateKey, deleteKey, reactivateKey } from "@/lib/rotation/key-actions.ts";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalText = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().trim().max(500).optional());

/** The key's account and user as stored, so a refused action's audit record names them too. */
async function keyTarget({ accessKeyId }: { accessKeyId: string }): Promise<AuditTarget> {
  const owner = await findKeyOwner(accessKeyId);
  return owner ? { accountId: owner.accountId, userName: owner.userName, accessKeyId } : { accessKeyId };
}

const keyInput = z.object({
  accessKeyId: accessKeyIdSchema,
  overrideReason: optionalText,
  proceedWithoutNotice: checkbox.optional(),
});

export const createKeyAction = defineAction({
  name: "key.create",
  permission: "key.create",
  input: z.object({ accountId: z.string().regex(/^\d{12}$/, "Account id must be 12 digits"), userName: userNameSchema }),
  target: (i) => ({ accountId: i.accountId, userName: i.userName }),
  run: (i, actor) => createKeyForUser({ ...i, actor }),
  // The secret goes to the browser once, in this reply; the audit record names only the key id.
  done: (secret, input) => ({
    message: `Created key ${secret.accessKeyId}.`,
    target: { accountId: input.accountId, userName: input.userName, accessKeyId: secret.accessKeyId },
  }),
  reply: (secret) => secret,
});

export const deactivateKeyAction = defineAction({
  name: "key.deactivate",
  permission: "key.deactivate",
  input: keyInput,
  target: keyTarget,
  // An override reason only counts for admins: the rules check the role.
  run: (i, actor) => deactivateKey({ ...i, actor }),
  done: (outcome) => outcome,
});

export const reactivateKeyAction = defineAction({
  name: "key.reactivate",
  permission: "key.reactivate",
  input: z.object({ accessKeyId: accessKeyIdSchema }),
  target: keyTarget,
  run: (i, actor) => reactivateKey({ ...i, actor }),
  done: (outcome) => outcome,
});

export const deleteKeyAction = defineAction({
  name: "key.delete",
  permission: "key.delete",
  input: z.object({ accessKeyId: accessKeyIdSchema, proceedWithoutNotice: checkbox.optional() }),
  target: keyTarget,
  run: (i, actor) => deleteKey({ ...i, actor }),
  done: (outcome) => outcome,
});
