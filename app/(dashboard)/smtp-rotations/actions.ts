"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { SmtpRotationRecord } from "@/lib/db/smtp-rotations.ts";
import { commandInput, defineStartRotation, sharedCommands, withoutBlanks } from "../rotations/rotation-actions.ts";
import { advanceSmtpRotation, beginSmtpRotation, loadSmtpRotation, type SmtpRotationCommand } from "@/lib/rotation/smtp-runner.ts";

// Each command a person can send, as the form posts it (FormData strings). The region is checked
// against SES's SMTP regions by the rules.
const command = z.discriminatedUnion("type", [
  ...sharedCommands,
  z.object({ type: z.literal("create-user") }),
  z.object({ type: z.literal("create-key"), region: z.string().trim().min(1, "Choose a region").max(32) }),
  z.object({ type: z.literal("reactivate-old") }),
  z.object({ type: z.literal("remove-old-user") }),
]);

// Audited against the old user and its key: the key page's history then tells the whole story.
const rotationTarget = (r: SmtpRotationRecord) => ({ accountId: r.accountId, userName: r.state.oldUserName, accessKeyId: r.oldKeyId });

export const startSmtpRotationAction = defineStartRotation("smtp-rotation.start", beginSmtpRotation);

export const advanceSmtpRotationAction = defineAction({
  name: (i) => `smtp-rotation.${i.type}`,
  permission: "rotation.advance",
  input: commandInput(command),
  // Read once, before the step runs: a refused step is audited against its user and key too.
  load: ({ rotationId }) => loadSmtpRotation(rotationId),
  target: (_i, rotation) => (rotation ? rotationTarget(rotation) : {}),
  run: ({ rotationId: _id, version, ...cmd }, { actor, loaded }) =>
    advanceSmtpRotation({ rotation: loaded, version, command: withoutBlanks(cmd) as SmtpRotationCommand, actor }),
  done: (out) => ({ message: [out.notice, out.audit].filter(Boolean).join(" "), target: rotationTarget(out.rotation) }),
  // The SMTP password, when a key was just created, reaches this one browser once and nothing else.
  reply: (out) => ({ credentials: out.credentials ?? null, step: out.rotation.step }),
});
