// Demo sign-in: pick a name and a role. Only when KEYROTATE_DEMO_SIGNIN=1 (the demo and the e2e suite);
// every page then says so in a banner.
import { NextResponse } from "next/server";
import { z } from "zod";
import { REQUEST_ID_HEADER } from "@/lib/auth/actor.ts";
import { signInConfig } from "@/lib/auth/config.ts";
import { publicRoute, safeNext } from "@/lib/auth/gate.ts";
import { ROLES } from "@/lib/auth/roles.ts";
import { signedIn, siteUrl } from "@/lib/auth/sign-in.ts";

export const dynamic = "force-dynamic";

const demoInput = z.object({
  name: z.string().trim().min(1).max(60).regex(/^[^\p{Cc}<>]+$/u),
  role: z.enum(ROLES),
  next: z.string().max(2000).optional(),
});

export const POST = publicRoute(async (request: Request) => {
  if (!signInConfig().demo) return new NextResponse("Demo sign-in is off.", { status: 404 });
  const form = await request.formData().catch(() => null);
  const parsed = demoInput.safeParse(form ? Object.fromEntries(form) : {});
  if (!parsed.success) return NextResponse.redirect(siteUrl("/signin?error=demo-input", request), 303);
  const { name, role, next } = parsed.data;
  return signedIn(
    { subject: `demo:${name.toLowerCase()}`, name, email: null, role, provider: "demo", idToken: null },
    "with demo sign-in",
    safeNext(next),
    request,
    request.headers.get(REQUEST_ID_HEADER),
  );
});
