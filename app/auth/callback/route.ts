// The provider sends the browser back here with a code: openid-client checks it, then a session starts.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/auth/actor.ts";
import { publicRoute } from "@/lib/auth/gate.ts";
import { finishSignIn, signInErrorCode } from "@/lib/auth/oidc.ts";
import { FLOW_COOKIE, readFlowCookie, signedIn, siteUrl } from "@/lib/auth/sign-in.ts";
import { appendAudit } from "@/lib/db/audit.ts";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async (request: NextRequest) => {
  const flow = readFlowCookie(request.cookies.get(FLOW_COOKIE)?.value);
  const fail = (error: string) => {
    const response = NextResponse.redirect(siteUrl(`/signin?error=${error}`, request), 303);
    response.cookies.delete({ name: FLOW_COOKIE, path: "/auth" });
    return response;
  };
  if (!flow) return fail("expired");
  let person;
  try {
    person = await finishSignIn(request.nextUrl.search, flow);
  } catch (error) {
    const code = signInErrorCode(error);
    if (code === "failed") console.error("sign-in failed", error);
    return fail(code);
  }
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  if (!person) {
    await appendAudit({ actor: "(refused sign-in)", actorId: null, requestId, action: "auth.signin", result: "error", message: "The provider signed someone in whose groups grant no keyrotate role." });
    return fail("no-role");
  }
  return signedIn(
    { subject: person.subject, name: person.name, email: person.email, role: person.role, provider: "oidc", idToken: person.idToken },
    `with OpenID Connect (groups: ${person.groups.join(", ") || "none"})`,
    flow.next,
    request,
    requestId,
  );
});
