// Signs out: the session ends here, then at the provider too when it offers that.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/auth/actor.ts";
import { signInConfig } from "@/lib/auth/config.ts";
import { publicRoute } from "@/lib/auth/gate.ts";
import { providerSignOutUrl } from "@/lib/auth/oidc.ts";
import { endSession, sessionCookieName } from "@/lib/auth/session.ts";
import { siteUrl } from "@/lib/auth/sign-in.ts";
import { appendAudit } from "@/lib/db/audit.ts";

export const dynamic = "force-dynamic";

export const POST = publicRoute(async (request: NextRequest) => {
  const name = sessionCookieName();
  const token = request.cookies.get(name)?.value;
  const session = token ? await endSession(token) : null;
  let target = siteUrl("/signin?signedout=1", request);
  if (session) {
    await appendAudit({
      actor: session.name,
      actorId: session.subject,
      actorRole: session.role,
      requestId: request.headers.get(REQUEST_ID_HEADER),
      action: "auth.signout",
      result: "ok",
      message: "Signed out.",
    });
    if (session.provider === "oidc" && signInConfig().oidc) {
      target = (await providerSignOutUrl(session.idToken).catch(() => null)) ?? target;
    }
  }
  const response = NextResponse.redirect(target, 303);
  response.cookies.delete(name);
  return response;
});
