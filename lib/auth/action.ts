import "server-only";
// The one way to build a mutating server action, in this order: who is acting and may they,
// validate the input, run the domain, audit, revalidate. Every server action is a public endpoint.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { appendAudit } from "../db/audit.ts";
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { currentActor } from "./actor.ts";
import { can, type Actor, type Permission } from "./roles.ts";

export type ActionState<R = unknown> = {
  ok: boolean;
  message: string;
  errors?: Record<string, string[]>;
  result?: R;
};

export type AuditTarget = { accountId?: string | null; userName?: string | null; accessKeyId?: string | null };

type Spec<S extends z.ZodType, R> = {
  /** The audit record's action, e.g. "key.deactivate"; may depend on the input. */
  name: string | ((input: z.output<S>) => string);
  permission: Permission;
  input: S;
  /** What the audit record names, even when the action fails; never a secret. */
  target?: (input: z.output<S>) => AuditTarget | Promise<AuditTarget>;
  /** A summary of the input for the audit record; by default the parsed input. Never a secret. */
  summary?: (input: z.output<S>) => Record<string, unknown>;
  run: (input: z.output<S>, actor: Actor) => Promise<R>;
  /** What the audit record says happened, from the result (defaults to `done`). */
  done?: (result: R, input: z.output<S>) => { message: string; target?: AuditTarget };
  /** The result the browser receives; by default none (results may hold what pages don't need). */
  reply?: (result: R) => unknown;
};

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

function raw(payload: unknown): unknown {
  if (payload instanceof FormData) {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of payload.entries()) {
      if (k.startsWith("$ACTION")) continue;
      obj[k] = k in obj ? ([] as unknown[]).concat(obj[k], v) : v;
    }
    return obj;
  }
  return payload;
}

export function defineAction<S extends z.ZodType, R>(spec: Spec<S, R>) {
  return async function action(_prev: ActionState | undefined, payload: unknown): Promise<ActionState> {
    const actor = await currentActor();
    const staticName = typeof spec.name === "string" ? spec.name : spec.permission;
    if (!can(actor.role, spec.permission)) {
      const message = `Your role (${actor.role}) may not do this (${staticName}).`;
      await appendAudit({ actor: actor.name, action: staticName, result: "error", message });
      return { ok: false, message };
    }
    const parsed = spec.input.safeParse(raw(payload));
    if (!parsed.success) {
      // Nothing happened, so nothing is audited: the form shows the errors and changes nothing.
      return { ok: false, message: "Please correct the highlighted fields.", errors: fieldErrors(parsed.error) };
    }
    const input = parsed.data;
    const name = typeof spec.name === "string" ? spec.name : spec.name(input);
    const target = (await spec.target?.(input)) ?? {};
    const summary = spec.summary ? spec.summary(input) : (input as Record<string, unknown>);
    let state: ActionState;
    try {
      const result = await spec.run(input, actor);
      const done = spec.done?.(result, input) ?? { message: "Done." };
      await appendAudit({ actor: actor.name, action: name, ...target, ...done.target, input: summary, result: "ok", message: done.message });
      state = { ok: true, message: done.message, result: spec.reply?.(result) as R | undefined };
    } catch (error) {
      if (!(error instanceof KeyrotateError) || error.code === "internal") console.error(name, error);
      const message = userMessageOf(error);
      await appendAudit({ actor: actor.name, action: name, ...target, input: summary, result: "error", message });
      state = { ok: false, message };
    }
    // Every page shows keys, locations or the audit trail: refresh them all after any change.
    revalidatePath("/", "layout");
    return state;
  };
}
