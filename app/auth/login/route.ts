// Starts OpenID Connect sign-in: remembers the flow in a short-lived cookie and sends the browser to the provider.
import { NextResponse } from "next/server";
import { signInConfig } from "@/lib/auth/config.ts";
import { publicRoute, safeNext } from "@/lib/auth/gate.ts";
import { beginSignIn } from "@/lib/auth/oidc.ts";
import { flowCookie, siteUrl } from "@/lib/auth/sign-in.ts";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async (request: Request) => {
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (!signInConfig().oidc) return NextResponse.redirect(siteUrl("/signin", request), 303);
  try {
    const { url, flow } = await beginSignIn(next);
    const response = NextResponse.redirect(url, 303);
    const cookie = flowCookie(flow);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    console.error("sign-in could not start", error);
    return NextResponse.redirect(siteUrl(`/signin?error=unavailable&next=${encodeURIComponent(next)}`, request), 303);
  }
});
