import "server-only";
// OpenID Connect with openid-client: it checks the state, nonce, PKCE and the ID token's signature;
// nothing here parses or verifies a token by hand.
import * as oidc from "openid-client";
import { KeyrotateError } from "../errors.ts";
import { signInConfig, type SignInConfig } from "./config.ts";
import { groupsFromClaim, roleFromGroups } from "./group-roles.ts";
import type { Role } from "./roles.ts";

type OidcSettings = NonNullable<SignInConfig["oidc"]>;

let discovered: { issuer: string; config: Promise<oidc.Configuration> } | undefined;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The provider's metadata, read once per process; a failed read is forgotten so the next sign-in retries. */
function providerConfig(settings: OidcSettings): Promise<oidc.Configuration> {
  if (discovered?.issuer === settings.issuer) return discovered.config;
  const issuer = new URL(settings.issuer);
  // Plain http only to a provider on this machine (the tests' provider); anything else must be https.
  const insecure = issuer.protocol === "http:" && LOOPBACK.test(issuer.hostname);
  const config = oidc
    .discovery(issuer, settings.clientId, settings.clientSecret, oidc.ClientSecretBasic(settings.clientSecret), insecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
    .catch((error: unknown) => {
      discovered = undefined;
      throw new KeyrotateError("internal", `Cannot reach the OpenID provider at ${settings.issuer}.`, { cause: error });
    });
  discovered = { issuer: settings.issuer, config };
  return config;
}

function settings(): { oidc: OidcSettings; publicUrl: URL } {
  const config = signInConfig();
  if (!config.oidc || !config.publicUrl) throw new KeyrotateError("forbidden", "OpenID Connect sign-in is not configured.");
  return { oidc: config.oidc, publicUrl: config.publicUrl };
}

const callbackUrl = (publicUrl: URL) => new URL("/auth/callback", publicUrl).href;

/** What the browser keeps between leaving for the provider and coming back: in an httpOnly cookie. */
export type SignInFlow = { codeVerifier: string; state: string; nonce: string; next: string };

export async function beginSignIn(next: string): Promise<{ url: URL; flow: SignInFlow }> {
  const { oidc: s, publicUrl } = settings();
  const config = await providerConfig(s);
  const flow = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), next };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(publicUrl),
    scope: s.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

export type SignedInPerson = { subject: string; name: string; email: string | null; role: Role; idToken: string | null; groups: string[] };

/**
 * Finishes the code flow. `search` is the callback's query string: the URL is rebuilt on the public address,
 * because openid-client sends its origin and path as the redirect_uri (behind a proxy, request.url is not it).
 * Returns null for a person whose groups grant no role.
 */
export async function finishSignIn(search: string, flow: SignInFlow): Promise<SignedInPerson | null> {
  const { oidc: s, publicUrl } = settings();
  const config = await providerConfig(s);
  const currentUrl = new URL(`/auth/callback${search}`, publicUrl);
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new KeyrotateError("internal", "The OpenID provider sent no ID token.");
  const groups = groupsFromClaim(claims[s.groupsClaim]);
  const role = roleFromGroups(groups, s.groupRoles);
  if (!role) return null;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
  return {
    subject: `oidc:${claims.sub}`,
    name: text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email) ?? claims.sub,
    email: text(claims.email),
    role,
    idToken: tokens.id_token ?? null,
    groups,
  };
}

/** Where to send the browser so the provider ends its session too, or null when it has no such endpoint. */
export async function providerSignOutUrl(idToken: string | null): Promise<URL | null> {
  const { oidc: s, publicUrl } = settings();
  const config = await providerConfig(s);
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: new URL("/signin?signedout=1", publicUrl).href };
  if (idToken) params.id_token_hint = idToken;
  return oidc.buildEndSessionUrl(config, params);
}

/** A failure a person can act on, from whatever the flow threw. */
export function signInErrorCode(error: unknown): "cancelled" | "expired" | "failed" {
  if (error instanceof oidc.AuthorizationResponseError && error.error === "access_denied") return "cancelled";
  if (error instanceof oidc.ResponseBodyError && error.error === "invalid_grant") return "expired";
  return "failed";
}
