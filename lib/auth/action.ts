import "server-only";
// The one way to build a mutating server action, in this order: who is acting and may they,
// validate the input, load what it acts on (once), run the domain, audit, revalidate. Every server
// action is a public endpoint.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { appendAudit } from "../db/audit.ts";
import { auditActor } from "./audit-actor.ts";
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { currentActor } from "./actor.ts";
import { SIGNED_OUT } from "./gate.ts";
import { can, type Actor, type Permission } from "./roles.ts";

/** What a form receives. `result` is exactly what the action's `reply` returns, typed end to end. */
export type ActionState<Reply = undefined> = {
  ok: boolean;
  message: string;
  errors?: Record<string, string[]>;
  result?: Reply;
};

export type AuditTarget = { accountId?: string | null; userName?: string | null; accessKeyId?: string | null };

type Spec<S extends z.ZodType, Loaded, Result, Reply> = {
  /** The audit record's action, e.g. "key.deactivate"; may depend on the input. */
  name: string | ((input: z.output<S>) => string);
  permission: Permission;
  input: S;
  /** Reads what the action acts on, once; the result names the audit target and is handed to `run`. */
  load?: (input: z.output<S>) => Promise<Loaded>;
  /** What the audit record names, even when the action fails; `loaded` is undefined when loading failed. Never a secret. */
  target?: (input: z.output<S>, loaded: Loaded | undefined) => AuditTarget;
  /** A summary of the input for the audit record; by default the parsed input. Never a secret. */
  summary?: (input: z.output<S>) => Record<string, unknown>;
  run: (input: z.output<S>, context: { actor: Actor; loaded: Loaded }) => Promise<Result>;
  /** What the audit record says happened, from the result. */
  done?: (result: Result, input: z.output<S>) => { message: string; target?: AuditTarget };
  /** The result the browser receives; by default none (results may hold what pages don't need). */
  reply?: (result: Result) => Reply;
};

export type ServerAction<Reply> = ((prev: ActionState<Reply> | undefined, payload: FormData | Record<string, unknown>) => Promise<ActionState<Reply>>) & {
  /** What the action needs; read by the authorization test, which calls every action as every role. */
  permission: Permission;
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

export function defineAction<S extends z.ZodType, Loaded = undefined, Result = unknown, Reply = undefined>(
  spec: Spec<S, Loaded, Result, Reply>,
): ServerAction<Reply> {
  const action = async function action(_prev: ActionState<Reply> | undefined, payload: FormData | Record<string, unknown>): Promise<ActionState<Reply>> {
    const actor = await currentActor();
    // Nobody signed in: refused without a trace in the audit trail, which anyone could otherwise fill.
    if (!actor) return { ok: false, message: SIGNED_OUT };
    const who = auditActor(actor);
    const staticName = typeof spec.name === "string" ? spec.name : spec.permission;
    if (!can(actor.role, spec.permission)) {
      const message = `Your role (${actor.role}) may not do this (${staticName}).`;
      await appendAudit({ ...who, action: staticName, result: "error", message });
      return { ok: false, message };
    }
    const parsed = spec.input.safeParse(raw(payload));
    if (!parsed.success) {
      // Nothing happened, so nothing is audited: the form shows the errors and changes nothing.
      return { ok: false, message: "Please correct the highlighted fields.", errors: fieldErrors(parsed.error) };
    }
    const input = parsed.data;
    const name = typeof spec.name === "string" ? spec.name : spec.name(input);
    const summary = spec.summary ? spec.summary(input) : (input as Record<string, unknown>);
    let loaded: Loaded | undefined;
    let outcome: { result: Result } | { error: unknown };
    try {
      loaded = spec.load ? await spec.load(input) : undefined;
      outcome = { result: await spec.run(input, { actor, loaded: loaded as Loaded }) };
    } catch (error) {
      outcome = { error };
    }
    let state: ActionState<Reply>;
    if ("result" in outcome) {
      // The domain did it (IAM may have changed): the person is told so even if recording it fails.
      const done = spec.done?.(outcome.result, input) ?? { message: "Done." };
      state = { ok: true, message: done.message, result: spec.reply?.(outcome.result) };
      const target = { ...spec.target?.(input, loaded), ...done.target };
      try {
        await appendAudit({ ...who, action: name, ...target, input: summary, result: "ok", message: done.message });
      } catch (error) {
        console.error(`${name}: done, but not audited`, error);
        state.message += " (The audit trail could not record this; the server log has it.)";
      }
    } else {
      const { error } = outcome;
      if (!(error instanceof KeyrotateError) || error.code === "internal") console.error(name, error);
      const message = userMessageOf(error);
      state = { ok: false, message };
      await appendAudit({ ...who, action: name, ...spec.target?.(input, loaded), input: summary, result: "error", message }).catch((e: unknown) =>
        console.error(`${name}: refused, and the refusal was not audited`, e),
      );
    }
    // Every page shows keys, locations or the audit trail: refresh them all after any change.
    revalidatePath("/", "layout");
    return state;
  };
  return Object.assign(action, { permission: spec.permission });
}
