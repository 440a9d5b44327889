import "server-only";
// What the server actions of every kind of rotation (key, SES SMTP user) share: starting one from a
// user, and a command's input, posted with the rotation's id and the version the page showed.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import type { Actor } from "@/lib/auth/roles.ts";
import { checkbox, recordId, text } from "@/lib/form-fields.ts";
import { accountIdSchema, userNameSchema } from "@/lib/iam/schemas.ts";

type Begun = { audit: string; rotation: { id: string; oldKeyId: string | null } };

/** Starts the kind's rotation on a user; the page then goes to the rotation it replies with. */
export function defineStartRotation(name: string, begin: (input: { accountId: string; userName: string; actor: Actor }) => Promise<Begun>) {
  return defineAction({
    name,
    permission: "rotation.advance",
    input: z.object({ accountId: accountIdSchema, userName: userNameSchema }),
    target: (i) => i,
    run: (i, { actor }) => begin({ ...i, actor }),
    done: (out) => ({ message: out.audit, target: { accessKeyId: out.rotation.oldKeyId } }),
    reply: (out) => ({ rotationId: out.rotation.id }),
  });
}

const id = recordId("Id");

/** The commands every kind takes alike: the checklist, the cut-over, notifying 2nd line, deactivating, cancelling. */
export const sharedCommands = [
  z.object({ type: z.literal("confirm-locations"), acknowledgeNoLocations: checkbox }),
  z.object({ type: z.literal("mark-location-updated"), locationId: id, note: text(500).optional() }),
  z.object({ type: z.literal("unmark-location-updated"), locationId: id }),
  z.object({ type: z.literal("finish-distribution") }),
  z.object({ type: z.literal("cutover-confirmed") }),
  z.object({ type: z.literal("send-notification") }),
  z.object({ type: z.literal("skip-notification"), reason: text(500) }),
  z.object({ type: z.literal("deactivate-old"), overrideReason: text(500).optional() }),
  z.object({ type: z.literal("cancel"), reason: text(500) }),
] as const;

/** A command as the form posts it (FormData strings), with the rotation and the version it was sent from. */
export function commandInput<Command extends z.ZodType>(command: Command) {
  return z.intersection(z.object({ rotationId: id, version: z.coerce.number().int().min(0) }), command);
}

/** The command's fields without those left blank: an empty optional field is posted as "". */
export function withoutBlanks(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "" && v !== undefined));
}
