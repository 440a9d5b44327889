"use server";
// The owner of a key's IAM user, set or cleared on the key page. The user is the key's as stored; the
// browser names only the key.
import { defineAction } from "@/lib/auth/action.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";
import { setOwnerOfKey } from "@/lib/owners/key-owner.ts";
import { ownerInputSchema } from "@/lib/owners/schema.ts";
import { loadKey } from "@/lib/rotation/key-actions.ts";

export const setOwnerAction = defineAction({
  name: "owners.set",
  permission: "owners.write",
  input: ownerInputSchema.extend({ accessKeyId: accessKeyIdSchema }),
  load: ({ accessKeyId }) => loadKey(accessKeyId),
  target: (input, key) => (key ? { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId } : { accessKeyId: input.accessKeyId }),
  run: ({ accessKeyId: _id, ...owner }, { actor, loaded }) => setOwnerOfKey(loaded, owner, actor.name),
  done: ({ key, cleared, owner }) => ({
    message: cleared
      ? `Cleared the owner of ${key.userName}${owner ? `; the IAM tags name ${owner.team ?? owner.contact}` : ""}.`
      : `Saved the owner of ${key.userName}: ${[owner?.team, owner?.contact].filter(Boolean).join(", ")}.`,
  }),
});
