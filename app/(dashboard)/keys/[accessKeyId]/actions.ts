"use server";
// The key page's location actions. Each names the key the page shows; see lib/locations/key-locations.ts.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { LocationRecord } from "@/lib/db/locations.ts";
import { describeLocation } from "@/lib/locations/describe.ts";
import { confirmLocationOfKey, editLocationOfKey, removeLocationOfKey } from "@/lib/locations/key-locations.ts";
import { addLocationToKey } from "@/lib/locations/registry.ts";
import { accessKeyIdSchema, locationInputSchema } from "@/lib/locations/schema.ts";

const ofKey = { accessKeyId: accessKeyIdSchema };
const locationId = z.string({ error: "Location id is required" }).trim().min(1, "Location id is required").max(64);
const ofLocation = { ...ofKey, id: locationId };

/** The audit names the location's owner as stored, not as the browser claimed it. */
const targetOf = (l: LocationRecord) => ({ accountId: l.accountId, userName: l.userName, accessKeyId: l.accessKeyId });

export const addLocation = defineAction({
  name: "location.add",
  permission: "location.write",
  input: locationInputSchema.extend(ofKey),
  target: (input) => ({ accessKeyId: input.accessKeyId }),
  run: ({ accessKeyId, ...location }, actor) => addLocationToKey(accessKeyId, location, actor.name),
  done: (l) => ({ message: `Added ${describeLocation(l)}.`, target: targetOf(l) }),
});

export const editLocation = defineAction({
  name: "location.edit",
  permission: "location.write",
  input: locationInputSchema.extend(ofLocation),
  target: (input) => ({ accessKeyId: input.accessKeyId }),
  run: ({ accessKeyId, id, ...location }, actor) => editLocationOfKey(accessKeyId, id, location, actor.name),
  done: (l) => ({ message: `Saved ${describeLocation(l)}.`, target: targetOf(l) }),
});

export const confirmLocation = defineAction({
  name: "location.confirm",
  permission: "location.write",
  input: z.object(ofLocation),
  target: (input) => ({ accessKeyId: input.accessKeyId }),
  run: ({ accessKeyId, id }, actor) => confirmLocationOfKey(accessKeyId, id, actor.name),
  done: (l) => ({ message: `Confirmed ${describeLocation(l)} is still true.`, target: targetOf(l) }),
});

export const removeLocation = defineAction({
  name: "location.remove",
  permission: "location.write",
  input: z.object(ofLocation),
  target: (input) => ({ accessKeyId: input.accessKeyId }),
  run: ({ accessKeyId, id }) => removeLocationOfKey(accessKeyId, id),
  done: (l) => ({ message: `Removed ${describeLocation(l)}.`, target: targetOf(l) }),
});
