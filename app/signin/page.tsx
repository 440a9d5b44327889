import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { primaryButton } from "@/components/ui/button.ts";
import { Options, controlClass } from "@/components/ui/field.tsx";
import { currentActor } from "@/lib/auth/actor.ts";
import { signInConfig, signInConfigured } from "@/lib/auth/config.ts";
import { safeNext } from "@/lib/auth/gate.ts";
import { ROLES } from "@/lib/auth/roles.ts";

export const metadata: Metadata = { title: "Sign in · keyrotate" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  cancelled: "Sign-in was cancelled at the provider.",
  expired: "That sign-in took too long or was already used. Start again.",
  "no-role": "Your account signed in, but none of your groups may use keyrotate. Ask the platform team.",
  unavailable: "The sign-in provider cannot be reached right now. Try again in a moment.",
  failed: "Sign-in failed. The details are in the server log.",
  "demo-input": "Give a name (up to 60 characters) and pick a role.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = safeNext(one(params.next));
  if (await currentActor()) redirect(next);
  const config = signInConfig();
  const error = ERRORS[one(params.error) ?? ""];
  return (
    <main id="main" className="mx-auto max-w-md space-y-6 px-4 py-12">
      <h1 className="text-2xl font-semibold">Sign in to keyrotate</h1>
      {one(params.signedout) && <p role="status">You are signed out.</p>}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      {!signInConfigured(config) && <NotConfigured />}
      {config.oidc && (
        <a href={`/auth/login?next=${encodeURIComponent(next)}`} className={`${primaryButton} inline-block`}>
          Sign in with your organisation&apos;s account
        </a>
      )}
      {config.demo && (
        <form method="post" action="/auth/demo" className="space-y-3 rounded border border-amber-400 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
          <h2 className="font-semibold">Demo sign-in</h2>
          <p className="text-sm">For the demo and tests only: pick any name and role.</p>
          <input type="hidden" name="next" value={next} />
          <label className="block text-sm">
            Name
            <input name="name" required maxLength={60} defaultValue="Demo Operator" className={`${controlClass} mt-1 w-full`} />
          </label>
          <label className="block text-sm">
            Role
            <select name="role" defaultValue="rotator" className={`${controlClass} mt-1 w-full`}>
              <Options values={ROLES} />
            </select>
          </label>
          <button type="submit" className={primaryButton}>
            Sign in (demo)
          </button>
        </form>
      )}
    </main>
  );
}

function NotConfigured() {
  return (
    <section aria-labelledby="not-configured" className="space-y-2 rounded border border-slate-300 bg-white p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="not-configured" className="font-semibold">
        Sign-in is not configured
      </h2>
      <p>keyrotate shows nothing and changes nothing until it knows who is using it. Configure OpenID Connect:</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
        {`KEYROTATE_PUBLIC_URL=https://keyrotate.example.org
KEYROTATE_OIDC_ISSUER=https://login.example.org
KEYROTATE_OIDC_CLIENT_ID=keyrotate
KEYROTATE_OIDC_CLIENT_SECRET=…`}
      </pre>
      <p>
        Register <code>KEYROTATE_PUBLIC_URL/auth/callback</code> as the redirect URI and <code>KEYROTATE_PUBLIC_URL/signin?signedout=1</code> as
        the post-logout redirect URI. The README explains the group-to-role mapping.
      </p>
    </section>
  );
}
