"use server";
// One-click key actions. Thin: validate, authorize and audit through defineAction; the rules decide.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { StoredKey } from "@/lib/db/keys.ts";
import { checkbox, optionalText } from "@/lib/form-fields.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";
import { deactivateKey, deleteKey, loadKey, reactivateKey } from "@/lib/rotation/key-actions.ts";

/** The key as stored names the audit target, refusals included; the browser's claim is only the id. */
const keyTarget = (input: { accessKeyId: string }, key: StoredKey | undefined) =>
  key ? { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId } : { accessKeyId: input.accessKeyId };

const ofKey = { load: ({ accessKeyId }: { accessKeyId: string }) => loadKey(accessKeyId), target: keyTarget };

export const deactivateKeyAction = defineAction({
  name: "key.deactivate",
  permission: "key.deactivate",
  input: z.object({ accessKeyId: accessKeyIdSchema, overrideReason: optionalText(500), proceedWithoutNotice: checkbox.optional() }),
  ...ofKey,
  // An override reason only counts for admins: the rules check the role.
  run: (i, { actor, loaded }) => deactivateKey({ ...i, key: loaded, actor }),
  done: (outcome) => outcome,
});

export const reactivateKeyAction = defineAction({
  name: "key.reactivate",
  permission: "key.reactivate",
  input: z.object({ accessKeyId: accessKeyIdSchema }),
  ...ofKey,
  run: (_i, { actor, loaded }) => reactivateKey({ key: loaded, actor }),
  done: (outcome) => outcome,
});

export const deleteKeyAction = defineAction({
  name: "key.delete",
  permission: "key.delete",
  input: z.object({ accessKeyId: accessKeyIdSchema, overrideReason: optionalText(500), proceedWithoutNotice: checkbox.optional() }),
  ...ofKey,
  // An override reason only counts for admins, and only when nobody knows since when the key is Inactive.
  run: (i, { actor, loaded }) => deleteKey({ ...i, key: loaded, actor }),
  done: (outcome) => outcome,
});
