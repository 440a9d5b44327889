import "server-only";
// How people sign in, from the configuration: OpenID Connect, demo sign-in, both, or neither (then
// keyrotate serves only the page that says how to configure it).
import { env } from "../env.ts";
import type { GroupRoles } from "./group-roles.ts";

export type SignInConfig = {
  oidc: { issuer: string; clientId: string; clientSecret: string; scopes: string; groupsClaim: string; groupRoles: GroupRoles } | null;
  demo: boolean;
  /** The URL people use (KEYROTATE_PUBLIC_URL), or null when unset (then only loopback hosts are served). */
  publicUrl: URL | null;
  secureCookies: boolean;
  session: { maxAgeMs: number; idleMs: number };
};

export function signInConfig(): SignInConfig {
  const e = env();
  const publicUrl = e.KEYROTATE_PUBLIC_URL ? new URL(e.KEYROTATE_PUBLIC_URL) : null;
  const oidc =
    e.KEYROTATE_OIDC_ISSUER && e.KEYROTATE_OIDC_CLIENT_ID && e.KEYROTATE_OIDC_CLIENT_SECRET
      ? {
          issuer: e.KEYROTATE_OIDC_ISSUER,
          clientId: e.KEYROTATE_OIDC_CLIENT_ID,
          clientSecret: e.KEYROTATE_OIDC_CLIENT_SECRET,
          scopes: e.KEYROTATE_OIDC_SCOPES,
          groupsClaim: e.KEYROTATE_OIDC_GROUPS_CLAIM,
          groupRoles: { admin: e.KEYROTATE_ROLE_GROUPS_ADMIN, rotator: e.KEYROTATE_ROLE_GROUPS_ROTATOR, viewer: e.KEYROTATE_ROLE_GROUPS_VIEWER },
        }
      : null;
  return {
    oidc,
    demo: e.KEYROTATE_DEMO_SIGNIN,
    publicUrl,
    secureCookies: publicUrl?.protocol === "https:",
    session: { maxAgeMs: e.KEYROTATE_SESSION_MAX_AGE_SECONDS * 1000, idleMs: e.KEYROTATE_SESSION_IDLE_SECONDS * 1000 },
  };
}

export function signInConfigured(config = signInConfig()): boolean {
  return config.oidc !== null || config.demo;
}
