"use server";
// Exemptions, granted and ended on the key page by an admin. The user is the key's as stored; the
// browser names only the key (or the exemption).
import { formatDate } from "@/components/ui/format.ts";
import { defineAction } from "@/lib/auth/action.ts";
import { endExemptionNow, exemptKey, loadExemption } from "@/lib/exemptions/exempt.ts";
import { endExemptionSchema, exemptionInputSchema } from "@/lib/exemptions/schema.ts";
import { FLAG_INFO } from "@/lib/inventory/flags.ts";
import { loadKey } from "@/lib/rotation/key-actions.ts";

export const exemptKeyAction = defineAction({
  name: "exemption.grant",
  permission: "exemptions.manage",
  input: exemptionInputSchema,
  load: ({ accessKeyId }) => loadKey(accessKeyId),
  target: (input, key) => (key ? { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId } : { accessKeyId: input.accessKeyId }),
  summary: ({ flag, scope, reason, expiresOn }) => ({ flag, scope, reason, expiresOn: formatDate(expiresOn) }),
  run: (input, { actor, loaded }) => exemptKey(loaded, input, actor.name),
  done: ({ exemption: e, replaced }) => ({
    message: `Exempted ${e.accessKeyId ?? `every key of ${e.userName}`} from "${FLAG_INFO[e.flag].label}" until ${formatDate(e.expiresAt)}${replaced ? " (replacing the one in force)" : ""}.`,
  }),
});

export const endExemptionAction = defineAction({
  name: "exemption.end",
  permission: "exemptions.manage",
  input: endExemptionSchema,
  load: ({ id }) => loadExemption(id),
  target: (_input, e) => (e ? { accountId: e.accountId, userName: e.userName, accessKeyId: e.accessKeyId } : {}),
  run: (_input, { actor, loaded }) => endExemptionNow(loaded, actor.name),
  done: (e) => ({ message: `Ended the exemption of ${e.accessKeyId ?? `every key of ${e.userName}`} from "${FLAG_INFO[e.flag].label}": the flag applies again.` }),
});
