"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { KeyrotateError } from "@/lib/errors.ts";
import { runSync } from "@/lib/sync/run-sync.ts";

export const syncNow = defineAction({
  name: "inventory.sync",
  permission: "inventory.sync",
  input: z.object({}),
  run: async (_input, { actor }) => {
    const run = await runSync(actor.name);
    if (run.status === "error") throw new KeyrotateError("iam-unreachable", `Sync failed: ${run.error}`);
    return run;
  },
  done: (run) => ({
    message: `Synced ${run.keysSeen} keys of ${run.usersSeen} users (${run.keysAdded} new, ${run.keysDeleted} gone).`,
    target: { accountId: run.accountId },
  }),
});
