"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { KeyrotateError } from "@/lib/errors.ts";
import { describeSync, runSync, type SyncOutcome } from "@/lib/sync/run-sync.ts";

export const syncNow = defineAction({
  name: "inventory.sync",
  permission: "inventory.sync",
  input: z.object({}),
  run: async (_input, { actor }) => {
    const runs = await runSync(actor.name);
    // Every account failed: say so as a failure. Some did: the message names each account's outcome.
    if (runs.every((r) => r.status === "error")) throw new KeyrotateError("iam-unreachable", `Sync failed: ${describeSync(runs)}`);
    return runs;
  },
  done: (runs) => ({
    message: runs.length === 1 ? `Synced ${runs[0].keysSeen} keys of ${runs[0].usersSeen} users (${runs[0].keysAdded} new, ${runs[0].keysDeleted} gone).` : `Synced ${total(runs, "keysSeen")} keys of ${total(runs, "usersSeen")} users in ${runs.length} accounts: ${describeSync(runs)}.`,
    target: runs.length === 1 ? { accountId: runs[0].accountId } : {},
  }),
});

const total = (runs: SyncOutcome[], field: "keysSeen" | "usersSeen") => runs.reduce((n, r) => n + (r.status === "error" ? 0 : r[field]), 0);
