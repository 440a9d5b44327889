"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { importMessage, toImportReply } from "@/lib/locations/import-reply.ts";
import { importLocationsCsv, MAX_IMPORT_BYTES } from "@/lib/locations/registry.ts";

/**
 * Previews (commit false) or imports (commit true) a locations CSV sent as text. The domain writes every
 * row or none; a preview is audited too, as a record of who looked at what, but writes no location.
 */
export const importLocations = defineAction({
  // A preview writes no location: its audit record says so by its name.
  name: ({ commit }) => (commit ? "location.import" : "location.import-preview"),
  permission: "location.import",
  input: z.object({
    text: z
      .string({ error: "Choose a CSV file" })
      .min(1, "The file is empty")
      .max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
    commit: z.stringbool({ error: "commit must be true or false" }),
  }),
  // The file itself stays out of the audit record: its size and intent are enough to find it again.
  summary: ({ text, commit }) => ({ commit, characters: text.length }),
  run: ({ text, commit }, actor) => importLocationsCsv(text, { commit, actor: actor.name }),
  done: (result, { commit }) => ({ message: importMessage(result, commit) }),
  reply: toImportReply,
});
