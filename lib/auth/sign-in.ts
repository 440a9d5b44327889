import "server-only";
// What the sign-in routes share: the short-lived cookie that carries a code flow across the provider,
// starting a session with its audit record, and redirects on the public address.
import { NextResponse } from "next/server";
import { appendAudit } from "../db/audit.ts";
import { requestOrigin } from "../http/request-body.ts";
import { signInConfig } from "./config.ts";
import { safeNext } from "./gate.ts";
import type { SignInFlow } from "./oidc.ts";
import { startSession, type NewSession } from "./session.ts";

export const FLOW_COOKIE = "keyrotate-oidc-flow";
const FLOW_MAX_AGE_S = 600;

export function flowCookie(flow: SignInFlow) {
  return {
    name: FLOW_COOKIE,
    value: Buffer.from(JSON.stringify(flow)).toString("base64url"),
    options: { httpOnly: true, secure: signInConfig().secureCookies, sameSite: "lax" as const, path: "/auth", maxAge: FLOW_MAX_AGE_S },
  };
}

export function readFlowCookie(value: string | undefined): SignInFlow | null {
  if (!value) return null;
  try {
    const flow = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<SignInFlow>;
    const ok = [flow.codeVerifier, flow.state, flow.nonce, flow.next].every((v) => typeof v === "string");
    return ok ? { ...(flow as SignInFlow), next: safeNext(flow.next) } : null;
  } catch {
    return null;
  }
}

/** An absolute URL on the address people use (or the request's own, on loopback without one). */
export function siteUrl(path: string, request: Request): URL {
  return new URL(path, signInConfig().publicUrl ?? requestOrigin(request));
}

/** Stores the session, audits the sign-in, and redirects (303) to `next` with the session cookie set. */
export async function signedIn(person: NewSession, how: string, next: string, request: Request, requestId: string | null): Promise<NextResponse> {
  const cookie = await startSession(person);
  await appendAudit({
    actor: person.name,
    actorId: person.subject,
    actorRole: person.role,
    requestId,
    action: "auth.signin",
    result: "ok",
    message: `Signed in ${how} as ${person.role}.`,
  });
  const response = NextResponse.redirect(siteUrl(safeNext(next), request), 303);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  response.cookies.delete({ name: FLOW_COOKIE, path: "/auth" });
  return response;
}
