// Next.js 16's proxy (formerly middleware): runs before every request. It refuses foreign Host names,
// sends anyone without a session cookie to sign-in, and sets the CSP nonce and security headers. It only
// looks for the cookie: every page, route handler and action checks the session itself (lib/auth/gate.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "./lib/auth/cookie-names.ts";
import { env } from "./lib/env.ts";
import { isTokenApiRequest } from "./lib/http/bearer.ts";
import { requestOrigin } from "./lib/http/request-body.ts";
import { contentSecurityPolicy, hostAllowed, isPublicPath, securityHeaders } from "./lib/http/surface.ts";

export function proxy(request: NextRequest) {
  const e = env();
  const publicUrl = e.KEYROTATE_PUBLIC_URL ? new URL(e.KEYROTATE_PUBLIC_URL) : null;
  const https = publicUrl?.protocol === "https:";
  const host = request.headers.get("host");
  if (!hostAllowed(host, publicUrl)) {
    const served = publicUrl ? publicUrl.host : "localhost (set KEYROTATE_PUBLIC_URL to serve another name)";
    return new NextResponse(`This server answers only as ${served}.\n`, { status: 421, headers: { "content-type": "text/plain" } });
  }
  const { pathname, search } = request.nextUrl;
  const bearer = isTokenApiRequest(pathname, request.headers.get("authorization"));
  if (!isPublicPath(pathname) && !bearer && !request.cookies.has(sessionCookieName(https))) {
    if (pathname.startsWith("/api/") || (request.method !== "GET" && request.method !== "HEAD")) {
      return NextResponse.json({ error: "Sign in first: this needs a signed-in person." }, { status: 401, headers: securityHeaders(https) });
    }
    const signIn = new URL(`/signin?next=${encodeURIComponent(pathname + search)}`, publicUrl ?? requestOrigin(request));
    return NextResponse.redirect(signIn, 303);
  }

  const nonce = randomBytes(16).toString("base64");
  const requestId = randomUUID();
  const signInOrigin = e.KEYROTATE_OIDC_ISSUER ? new URL(e.KEYROTATE_OIDC_ISSUER).origin : null;
  const csp = contentSecurityPolicy(nonce, { development: e.NODE_ENV === "development", https, signInOrigin });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
