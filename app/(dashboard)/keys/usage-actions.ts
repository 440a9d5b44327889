"use server";
// "Find where it is used" on a key's page: reads CloudTrail, changes nothing. Audited all the same: it
// spends the account's LookupEvents quota, and shows who called with the key.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { findUsageOfKey } from "@/lib/discovery/key-usage.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";

export const findKeyUsageAction = defineAction({
  name: "key.find-usage",
  permission: "inventory.read",
  input: z.object({ accessKeyId: accessKeyIdSchema }),
  target: ({ accessKeyId }) => ({ accessKeyId }),
  run: ({ accessKeyId }, { actor }) => findUsageOfKey(accessKeyId, actor.name),
  done: (usage) => ({
    message: `CloudTrail: ${usage.eventsRead} event${usage.eventsRead === 1 ? "" : "s"} from ${usage.groups.length} caller${usage.groups.length === 1 ? "" : "s"}${usage.truncated ? ` (stopped at ${usage.maxEvents})` : ""}.`,
    target: { accountId: usage.accountId, userName: usage.userName },
  }),
  reply: (usage) => usage,
});
