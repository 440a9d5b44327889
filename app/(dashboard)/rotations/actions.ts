"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { RotationRecord } from "@/lib/db/rotations.ts";
import { checkbox, recordId } from "@/lib/form-fields.ts";
import { commandInput, defineStartRotation, sharedCommands, withoutBlanks } from "./rotation-actions.ts";
import { advanceRotation, beginRotation, loadRotation, retryStoreWrite, type AdvanceOutcome, type RotationCommand } from "@/lib/rotation/runner.ts";

const id = recordId("Id");

// Each command a person can send, as the form posts it (FormData strings).
const command = z.discriminatedUnion("type", [
  ...sharedCommands,
  z.object({ type: z.literal("remove-unused-key"), accessKeyId: id }),
  z.object({ type: z.literal("keep-key"), accessKeyId: id }),
  z.object({ type: z.literal("create-key") }),
  z.object({ type: z.literal("reactivate-old"), restoreStores: checkbox }),
  z.object({ type: z.literal("delete-old") }),
]);

const rotationTarget = (r: RotationRecord) => ({ accountId: r.accountId, userName: r.userName, accessKeyId: r.oldKeyId });

export const startRotationAction = defineStartRotation("rotation.start", beginRotation);

/** Each store keyrotate wrote or restored, in words: the person sees every write's result. */
function storesSaid(out: AdvanceOutcome): string[] {
  return (out.stores ?? []).map((s) => (s.ok ? `${s.label}: done (version ${s.versionId}).` : `${s.label}: FAILED — ${s.reason}`));
}

export const advanceRotationAction = defineAction({
  name: (i) => `rotation.${i.type}`,
  permission: "rotation.advance",
  input: commandInput(command),
  // Read once, before the step runs: a refused step is audited against its user and key too.
  load: ({ rotationId }) => loadRotation(rotationId),
  target: (_i, rotation) => (rotation ? rotationTarget(rotation) : {}),
  run: ({ rotationId: _id, version, ...cmd }, { actor, loaded }) =>
    advanceRotation({ rotation: loaded, version, command: withoutBlanks(cmd) as RotationCommand, actor }),
  done: (out) => ({
    message: [out.notice, out.audit, ...storesSaid(out), ...out.warnings.map((w) => `Warning: ${w}.`)].filter(Boolean).join(" "),
    target: rotationTarget(out.rotation),
  }),
  // The secret, when a key was just created, reaches this one browser once and nothing else.
  reply: (out) => ({ secret: out.secret ?? null, step: out.rotation.step }),
});

// AWS's secret access keys are 40 characters of base64; anything else is a paste gone wrong.
const secretAccessKey = z.string().trim().regex(/^[A-Za-z0-9/+]{40}$/, "Paste the new key's secret access key exactly as it was shown (40 characters)");

export const retryStoreWriteAction = defineAction({
  name: "rotation.retry-store-write",
  permission: "rotation.advance",
  input: z.object({ rotationId: id, locationId: id, secretAccessKey }),
  load: ({ rotationId }) => loadRotation(rotationId),
  target: (_i, rotation) => (rotation ? rotationTarget(rotation) : {}),
  // Never the secret.
  summary: ({ rotationId, locationId }) => ({ rotationId, locationId }),
  run: ({ locationId, secretAccessKey: secret }, { actor, loaded }) => retryStoreWrite({ rotation: loaded, locationId, secretAccessKey: secret, actor }),
  done: (out) => ({ message: [out.audit, ...out.warnings.map((w) => `Warning: ${w}.`)].join(" "), target: rotationTarget(out.rotation) }),
  reply: (out) => ({ ok: out.stores?.every((s) => s.ok) ?? false }),
});
