"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { SmtpRotationRecord } from "@/lib/db/smtp-rotations.ts";
import { checkbox, recordId, text } from "@/lib/form-fields.ts";
import { accountIdSchema, userNameSchema } from "@/lib/iam/schemas.ts";
import { advanceSmtpRotation, beginSmtpRotation, loadSmtpRotation, type SmtpRotationCommand } from "@/lib/rotation/smtp-runner.ts";

const id = recordId("Id");

// Each command a person can send, as the form posts it (FormData strings). The region is checked
// against SES's SMTP regions by the rules.
const command = z.discriminatedUnion("type", [
  z.object({ type: z.literal("confirm-locations"), acknowledgeNoLocations: checkbox }),
  z.object({ type: z.literal("create-user") }),
  z.object({ type: z.literal("create-key"), region: z.string().trim().min(1, "Choose a region").max(32) }),
  z.object({ type: z.literal("mark-location-updated"), locationId: id, note: text(500).optional() }),
  z.object({ type: z.literal("unmark-location-updated"), locationId: id }),
  z.object({ type: z.literal("finish-distribution") }),
  z.object({ type: z.literal("cutover-confirmed") }),
  z.object({ type: z.literal("send-notification") }),
  z.object({ type: z.literal("skip-notification"), reason: text(500) }),
  z.object({ type: z.literal("deactivate-old"), overrideReason: text(500).optional() }),
  z.object({ type: z.literal("reactivate-old") }),
  z.object({ type: z.literal("remove-old-user") }),
  z.object({ type: z.literal("cancel"), reason: text(500) }),
]);

const advanceInput = z.intersection(z.object({ rotationId: id, version: z.coerce.number().int().min(0) }), command);

// Audited against the old user and its key: the key page's history then tells the whole story.
const rotationTarget = (r: SmtpRotationRecord) => ({ accountId: r.accountId, userName: r.state.oldUserName, accessKeyId: r.oldKeyId });

export const startSmtpRotationAction = defineAction({
  name: "smtp-rotation.start",
  permission: "rotation.advance",
  input: z.object({ accountId: accountIdSchema, userName: userNameSchema }),
  target: (i) => i,
  run: (i, { actor }) => beginSmtpRotation({ ...i, actor }),
  done: (out) => ({ message: out.audit, target: { accessKeyId: out.rotation.oldKeyId } }),
  reply: (out) => ({ rotationId: out.rotation.id }),
});

export const advanceSmtpRotationAction = defineAction({
  name: (i) => `smtp-rotation.${i.type}`,
  permission: "rotation.advance",
  input: advanceInput,
  // Read once, before the step runs: a refused step is audited against its user and key too.
  load: ({ rotationId }) => loadSmtpRotation(rotationId),
  target: (_i, rotation) => (rotation ? rotationTarget(rotation) : {}),
  run: ({ rotationId: _id, version, ...cmd }, { actor, loaded }) => {
    const clean = Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== "" && v !== undefined));
    return advanceSmtpRotation({ rotation: loaded, version, command: clean as SmtpRotationCommand, actor });
  },
  done: (out) => ({ message: [out.notice, out.audit].filter(Boolean).join(" "), target: rotationTarget(out.rotation) }),
  // The SMTP password, when a key was just created, reaches this one browser once and nothing else.
  reply: (out) => ({ credentials: out.credentials ?? null, step: out.rotation.step }),
});
