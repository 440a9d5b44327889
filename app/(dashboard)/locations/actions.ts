"use server";
// The where-used registry's actions: a key page's locations, and the CSV import.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { LocationRecord } from "@/lib/db/locations.ts";
import { recordId } from "@/lib/form-fields.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";
import { describeLocation } from "@/lib/locations/describe.ts";
import { importMessage, toImportReply } from "@/lib/locations/import-reply.ts";
import { confirmLocationOfKey, editLocationOfKey, removeLocationOfKey } from "@/lib/locations/key-locations.ts";
import { addLocationToKey, importLocationsCsv, MAX_IMPORT_BYTES } from "@/lib/locations/registry.ts";
import { locationInputSchema } from "@/lib/locations/schema.ts";

const ofKey = { accessKeyId: accessKeyIdSchema };
const ofLocation = { ...ofKey, id: recordId("Location id") };

/** The audit names the location's owner as stored, not as the browser claimed it. */
const done = (verb: string) => (l: LocationRecord) => ({
  message: `${verb} ${describeLocation(l)}.`,
  target: { accountId: l.accountId, userName: l.userName, accessKeyId: l.accessKeyId },
});
const keyTarget = (input: { accessKeyId: string }) => ({ accessKeyId: input.accessKeyId });

export const addLocation = defineAction({
  name: "location.add",
  permission: "location.write",
  input: locationInputSchema.extend(ofKey),
  target: keyTarget,
  run: ({ accessKeyId, ...location }, { actor }) => addLocationToKey(accessKeyId, location, actor.name),
  done: done("Added"),
});

export const editLocation = defineAction({
  name: "location.edit",
  permission: "location.write",
  input: locationInputSchema.extend(ofLocation),
  target: keyTarget,
  run: ({ accessKeyId, id, ...location }, { actor }) => editLocationOfKey(accessKeyId, id, location, actor.name),
  done: done("Saved"),
});

export const confirmLocation = defineAction({
  name: "location.confirm",
  permission: "location.write",
  input: z.object(ofLocation),
  target: keyTarget,
  run: ({ accessKeyId, id }, { actor }) => confirmLocationOfKey(accessKeyId, id, actor.name),
  done: (l) => ({ ...done("Confirmed")(l), message: `Confirmed ${describeLocation(l)} is still true.` }),
});

export const removeLocation = defineAction({
  name: "location.remove",
  permission: "location.write",
  input: z.object(ofLocation),
  target: keyTarget,
  run: ({ accessKeyId, id }) => removeLocationOfKey(accessKeyId, id),
  done: done("Removed"),
});

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
  run: ({ text, commit }, { actor }) => importLocationsCsv(text, { commit, actor: actor.name }),
  done: (result, { commit }) => ({ message: importMessage(result, commit) }),
  reply: toImportReply,
});
