"use server";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { RotationRecord } from "@/lib/db/rotations.ts";
import { checkbox, recordId, text } from "@/lib/form-fields.ts";
import { accountIdSchema, userNameSchema } from "@/lib/iam/schemas.ts";
import { advanceRotation, beginRotation, loadRotation, retryStoreWrite, type AdvanceOutcome, type RotationCommand } from "@/lib/rotation/runner.ts";

const id = recordId("Id");

// Each command a person can send, as the form posts it (FormData strings).
const command = z.discriminatedUnion("type", [
  z.object({ type: z.literal("remove-unused-key"), accessKeyId: id }),
  z.object({ type: z.literal("keep-key"), accessKeyId: id }),
  z.object({ type: z.literal("confirm-locations"), acknowledgeNoLocations: checkbox }),
  z.object({ type: z.literal("create-key") }),
  z.object({ type: z.literal("mark-location-updated"), locationId: id, note: text(500).optional() }),
  z.object({ type: z.literal("unmark-location-updated"), locationId: id }),
  z.object({ type: z.literal("finish-distribution") }),
  z.object({ type: z.literal("cutover-confirmed") }),
  z.object({ type: z.literal("send-notification") }),
  z.object({ type: z.literal("skip-notification"), reason: text(500) }),
  z.object({ type: z.literal("deactivate-old"), overrideReason: text(500).optional() }),
  z.object({ type: z.literal("reactivate-old"), restoreStores: checkbox }),
  z.object({ type: z.literal("delete-old") }),
  z.object({ type: z.literal("cancel"), reason: text(500) }),
]);

const advanceInput = z.intersection(z.object({ rotationId: id, version: z.coerce.number().int().min(0) }), command);

const rotationTarget = (r: RotationRecord) => ({ accountId: r.accountId, userName: r.userName, accessKeyId: r.oldKeyId });

export const startRotationAction = defineAction({
  name: "rotation.start",
  permission: "rotation.advance",
  input: z.object({ accountId: accountIdSchema, userName: userNameSchema }),
  target: (i) => i,
  run: (i, { actor }) => beginRotation({ ...i, actor }),
  done: (out) => ({ message: out.audit, target: { accessKeyId: out.rotation.oldKeyId } }),
  reply: (out) => ({ rotationId: out.rotation.id }),
});

/** Each store keyrotate wrote or restored, in words: the person sees every write's result. */
function storesSaid(out: AdvanceOutcome): string[] {
  return (out.stores ?? []).map((s) => (s.ok ? `${s.label}: done (version ${s.versionId}).` : `${s.label}: FAILED — ${s.reason}`));
}

export const advanceRotationAction = defineAction({
  name: (i) => `rotation.${i.type}`,
  permission: "rotation.advance",
  input: advanceInput,
  // Read once, before the step runs: a refused step is audited against its user and key too.
  load: ({ rotationId }) => loadRotation(rotationId),
  target: (_i, rotation) => (rotation ? rotationTarget(rotation) : {}),
  run: ({ rotationId: _id, version, ...cmd }, { actor, loaded }) => {
    const clean = Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== "" && v !== undefined));
    return advanceRotation({ rotation: loaded, version, command: clean as RotationCommand, actor });
  },
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
