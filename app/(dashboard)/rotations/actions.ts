"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { getRotation } from "@/lib/db/rotations.ts";
import { userNameSchema } from "@/lib/locations/schema.ts";
import { advanceRotation, beginRotation, type RotationCommand } from "@/lib/rotation/runner.ts";

const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max));
const id = z.string().trim().min(1).max(128);

// Each command a person can send, as the form posts it (FormData strings).
const command = z.discriminatedUnion("type", [
  z.object({ type: z.literal("remove-unused-key"), accessKeyId: id }),
  z.object({ type: z.literal("keep-key"), accessKeyId: id }),
  z.object({
    type: z.literal("confirm-locations"),
    acknowledgeNoLocations: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  }),
  z.object({ type: z.literal("create-key") }),
  z.object({ type: z.literal("mark-location-updated"), locationId: id, note: text(500).optional() }),
  z.object({ type: z.literal("unmark-location-updated"), locationId: id }),
  z.object({ type: z.literal("finish-distribution") }),
  z.object({ type: z.literal("cutover-confirmed") }),
  z.object({ type: z.literal("send-notification") }),
  z.object({ type: z.literal("skip-notification"), reason: text(500) }),
  z.object({ type: z.literal("deactivate-old"), overrideReason: text(500).optional() }),
  z.object({ type: z.literal("reactivate-old") }),
  z.object({ type: z.literal("delete-old") }),
  z.object({ type: z.literal("cancel"), reason: text(500) }),
]);

const advanceInput = z.intersection(
  z.object({ rotationId: id, version: z.coerce.number().int().min(0) }),
  command,
);

export const startRotationAction = defineAction({
  name: "rotation.start",
  permission: "rotation.advance",
  input: z.object({ accountId: z.string().regex(/^\d{12}$/, "Account id must be 12 digits"), userName: userNameSchema }),
  target: (i) => i,
  run: (i, actor) => beginRotation({ ...i, actor }),
  done: (out) => ({ message: out.audit, target: { accessKeyId: out.rotation.oldKeyId } }),
  reply: (out) => ({ rotationId: out.rotation.id }),
});

export const advanceRotationAction = defineAction({
  name: (i) => `rotation.${i.type}`,
  permission: "rotation.advance",
  input: advanceInput,
  // Named before the step runs, so a refused step is audited against its user and key too.
  target: async ({ rotationId }) => {
    const r = await getRotation(rotationId);
    return r ? { accountId: r.accountId, userName: r.userName, accessKeyId: r.oldKeyId } : {};
  },
  run: ({ rotationId, version, ...cmd }, actor) => {
    const clean = Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== "" && v !== undefined));
    return advanceRotation({ rotationId, version, command: clean as RotationCommand, actor });
  },
  done: (out) => ({
    message: [out.notice, out.audit].filter(Boolean).join(" "),
    target: { accountId: out.rotation.accountId, userName: out.rotation.userName, accessKeyId: out.rotation.oldKeyId },
  }),
  // The secret, when a key was just created, reaches this one browser once and nothing else.
  reply: (out) => ({ secret: out.secret ?? null, step: out.rotation.step }),
});
