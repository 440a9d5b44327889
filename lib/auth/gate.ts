import "server-only";
// The one gate for pages and route handlers (server actions go through defineAction, which asks the
// same questions). The proxy already sends anonymous visitors to sign-in; this is the second check.
import { redirect } from "next/navigation";
import { currentActor } from "./actor.ts";
import { can, type Actor, type Permission } from "./roles.ts";

export const SIGNED_OUT = "Sign in first: this needs a signed-in person.";

const NEXT_BASE = "http://keyrotate.invalid";

const sameSite = (path: string) => {
  try {
    return new URL(path, NEXT_BASE).origin === NEXT_BASE;
  } catch {
    return false;
  }
};

/**
 * Where sign-in sends a person back to: a path on this site, never another origin. Judged by where a URL
 * parser lands, not by the text: "/\t/evil.example" starts with one slash, but parsers drop the tab; and
 * the path it lands on must itself stay here ("/.//evil.example" lands on "//evil.example").
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || !sameSite(next)) return "/";
  const url = new URL(next, NEXT_BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  return sameSite(path) && !path.startsWith("//") ? path : "/";
}

/** For a page: the signed-in person, or a redirect to sign-in. `allowed` says whether their role has `permission`. */
export async function pageActor(permission: Permission, path: string): Promise<{ actor: Actor; allowed: boolean }> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?next=${encodeURIComponent(safeNext(path))}`);
  return { actor, allowed: can(actor.role, permission) };
}

type Handler<R, C> = (request: R, context: C, actor: Actor) => Promise<Response>;

/** A route handler that answers 401 to nobody and 403 to a role without `permission`. */
export function guardedRoute<R extends Request, C>(permission: Permission, handler: Handler<R, C>) {
  const route = async (request: R, context: C): Promise<Response> => {
    const actor = await currentActor();
    if (!actor) return Response.json({ error: SIGNED_OUT }, { status: 401, headers: { "cache-control": "no-store" } });
    if (!can(actor.role, permission)) {
      return Response.json({ error: `Your role (${actor.role}) may not do this (${permission}).` }, { status: 403, headers: { "cache-control": "no-store" } });
    }
    return handler(request, context, actor);
  };
  return Object.assign(route, { permission });
}

/** A route handler anyone may call (sign-in itself): said out loud, so the authorization test can tell. */
export function publicRoute<R extends Request, C>(handler: (request: R, context: C) => Promise<Response>) {
  return Object.assign(handler, { permission: "public" as const });
}
