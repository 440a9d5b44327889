"use server";
// The where-used registry's actions on a key page (the CSV import is a route handler: api/v1/locations/import).
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { LocationRecord } from "@/lib/db/locations.ts";
import { recordId } from "@/lib/form-fields.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";
import { describeLocation } from "@/lib/locations/describe.ts";
import { confirmLocationOfKey, editLocationOfKey, removeLocationOfKey } from "@/lib/locations/key-locations.ts";
import { addLocationToKey } from "@/lib/locations/registry.ts";
import { locationFieldsSchema, withStore } from "@/lib/locations/schema.ts";

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
  input: locationFieldsSchema.extend(ofKey).transform(withStore),
  target: keyTarget,
  run: ({ accessKeyId, ...location }, { actor }) => addLocationToKey(accessKeyId, location, actor.name),
  done: done("Added"),
});

export const editLocation = defineAction({
  name: "location.edit",
  permission: "location.write",
  input: locationFieldsSchema.extend(ofLocation).transform(withStore),
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
