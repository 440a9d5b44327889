import "server-only";
// The gate for the read API: a route handler that answers only a request carrying a live API token
// (`Authorization: Bearer kr_…`). A session cookie is not enough: the API is for scripts, and a token is
// what can be revoked on its own. The proxy lets bearer requests to these routes through to here.
import { recordTokenUse, tokenActor, tokenFromHeader } from "../api/tokens.ts";
import { GENERIC_FAILURE } from "../errors.ts";
import { REQUEST_ID_HEADER } from "./actor.ts";
import { can, type Actor, type Permission } from "./roles.ts";

export const TOKEN_REQUIRED = "Send a valid API token: Authorization: Bearer kr_… (an admin creates one with keyrotate tokens create NAME).";

const noStore = { "cache-control": "no-store" };

type Handler<R, C> = (request: R, context: C, actor: Actor) => Promise<Response>;

/** A route handler for scripts: 401 without a live token, 403 when the token's role lacks `permission`. */
export function tokenRoute<R extends Request, C>(permission: Permission, handler: Handler<R, C>) {
  const route = async (request: R, context: C): Promise<Response> => {
    const token = await tokenFromHeader(request.headers.get("authorization"));
    if (!token) return Response.json({ error: TOKEN_REQUIRED }, { status: 401, headers: { ...noStore, "www-authenticate": 'Bearer realm="keyrotate"' } });
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const actor = tokenActor(token, requestId);
    if (!can(actor.role, permission)) {
      return Response.json({ error: `This token's role (${actor.role}) may not do this (${permission}).` }, { status: 403, headers: noStore });
    }
    const url = new URL(request.url);
    try {
      await recordTokenUse(token, { method: request.method, path: url.pathname, query: url.search, requestId });
    } catch (error) {
      // A read the audit trail cannot record is not served.
      console.error("api: token use not audited, request refused", error);
      return Response.json({ error: GENERIC_FAILURE }, { status: 500, headers: noStore });
    }
    return handler(request, context, actor);
  };
  return Object.assign(route, { permission, auth: "token" as const });
}
