// A real OpenID provider (oidc-provider 9) on 127.0.0.1 for tests and manual runs: authorization code
// flow with PKCE required, scopes `openid profile email groups` (the groups travel in the ID token and
// at userinfo), RP-initiated logout, and a login page of its own listing the configured users.
//
// The relying-party recipe, checked against this provider by oidc-provider.test.ts (openid-client 6.9):
//
//   import * as oidc from "openid-client";
//   // Once per process (cache the promise). allowInsecureRequests only for an http loopback issuer:
//   const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, oidc.ClientSecretBasic(clientSecret),
//     issuer.startsWith("http://") ? { execute: [oidc.allowInsecureRequests] } : undefined);
//   // GET /auth/login: keep the three secrets in a short-lived httpOnly cookie, then redirect.
//   const codeVerifier = oidc.randomPKCECodeVerifier();
//   const state = oidc.randomState();
//   const nonce = oidc.randomNonce();
//   const url = oidc.buildAuthorizationUrl(config, {
//     redirect_uri: `${publicUrl}/auth/callback`, scope: "openid profile email groups",
//     code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: "S256", state, nonce });
//   // GET /auth/callback: currentUrl MUST be the public URL (its origin+path become the redirect_uri
//   // sent to the token endpoint), i.e. new URL(pathname + search, KEYROTATE_PUBLIC_URL), not request.url.
//   const tokens = await oidc.authorizationCodeGrant(config, currentUrl,
//     { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
//   const claims = tokens.claims(); // sub, name, email, groups (string[]) ...
//   // Sign out: redirect to
//   oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${publicUrl}/`, state });
//   // Errors: oidc.AuthorizationResponseError (error= on the callback, e.g. access_denied when the user
//   // cancels), oidc.ResponseBodyError (token endpoint, e.g. invalid_grant), oidc.ClientError (checks
//   // failed, e.g. code OAUTH_INVALID_RESPONSE with cause 'unexpected "state" response parameter value').
//
// The provider registers each client with token_endpoint_auth_method client_secret_basic, the OpenID
// default; openid-client's default is client_secret_post, hence the explicit ClientSecretBasic.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { InteractionDetails, Provider } from "oidc-provider";
import { createMemoryAdapter } from "./oidc-memory-adapter.ts";
import { loginPage, logoutSource, messagePage, postLogoutSuccessSource, renderError } from "./oidc-provider-pages.ts";

export type OidcTestClient = { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris?: string[] };
export type OidcTestUser = { sub: string; name: string; email?: string; groups: string[] };
export type OidcProviderOptions = { clients: OidcTestClient[]; users: OidcTestUser[]; port?: number; groupsClaim?: string };
export type RunningOidcProvider = { issuer: string; stop(): Promise<void> };

export const OIDC_TEST_SCOPES = "openid profile email groups";

let providerModule: Promise<typeof import("oidc-provider")> | undefined;

/**
 * oidc-provider 9 warns at import time on any Node.js older than 22 LTS ("Unsupported runtime").
 * These machines run Node 20, where the flows used here work (the tests prove it): drop that one line.
 */
function importProvider(): Promise<typeof import("oidc-provider")> {
  providerModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].includes("oidc-provider WARNING: Unsupported runtime")) return;
      warn(...args);
    };
    try {
      return await import("oidc-provider");
    } finally {
      console.warn = warn;
    }
  })();
  return providerModule;
}

export async function startOidcProvider(opts: OidcProviderOptions): Promise<RunningOidcProvider> {
  const { Provider } = await importProvider();
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  // The issuer carries the port, so the provider is built once the server knows it.
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration(opts));
    // oidc-provider checks a configured client only when it is first used: check them all now, so a
    // bad redirect URI fails here instead of as invalid_client in the middle of a test.
    for (const client of opts.clients) {
      await provider.Client.find(client.clientId).catch((error: { error_description?: string }) => {
        throw new Error(`test OpenID provider: client ${client.clientId}: ${error.error_description ?? error}`, { cause: error });
      });
    }
  } catch (error) {
    server.close();
    throw error;
  }
  provider.on("server_error", (_ctx, error) => console.error("test OpenID provider:", error));
  const oidcCallback = provider.callback();
  handle = (req, res) => {
    const route = req.url?.startsWith("/interaction/") ? interaction(provider, opts.users, req, res) : oidcCallback(req, res);
    route.catch((error: unknown) => {
      console.error("test OpenID provider:", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

function configuration(opts: OidcProviderOptions) {
  const groupsClaim = opts.groupsClaim ?? "groups";
  const users = new Map(opts.users.map((user) => [user.sub, user]));
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return {
    adapter: createMemoryAdapter(),
    clients: opts.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...signingKey, kid: randomUUID(), use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // A scope name maps to the claims it releases; `groups` is a custom scope carrying groupsClaim.
    claims: { openid: ["sub"], profile: ["name"], email: ["email", "email_verified"], groups: [groupsClaim] },
    // By default oidc-provider puts scope claims in the ID token only when no access token is issued;
    // the app reads name and groups from the ID token, as it would from most real providers.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: user.name,
          ...(user.email ? { email: user.email, email_verified: true } : {}),
          [groupsClaim]: user.groups,
        }),
      };
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    pkce: { required: () => true },
    // Short lives; each set explicitly, since every default TTL function prints a notice when used.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600 },
    renderError,
    clientBasedCORS: () => false,
  };
}

/** The provider's own interaction routes: GET /interaction/:uid, POST /interaction/:uid/{login,abort}. */
async function interaction(provider: Provider, users: OidcTestUser[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [uid, action] = new URL(req.url ?? "/", "http://127.0.0.1").pathname.split("/").slice(2);
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    // No interaction cookie, or it expired: the browser must start again from the app.
    return sendHtml(res, 400, messagePage("Sign-in expired", "This sign-in attempt is unknown or expired. Start again from the application."));
  }
  if (details.uid !== uid) return sendHtml(res, 400, messagePage("Sign-in mismatch", "This page belongs to another sign-in attempt."));

  if (req.method === "GET" && action === undefined) {
    if (details.prompt.name === "login") return sendHtml(res, 200, loginPage(uid, details.params.client_id, users));
    if (details.prompt.name === "consent") return grantConsent(provider, details, req, res);
    return provider.interactionFinished(req, res, { error: "interaction_required", error_description: `unsupported prompt ${details.prompt.name}` });
  }
  if (req.method === "POST" && action === "login") {
    const sub = new URLSearchParams(await readBody(req)).get("sub");
    const user = users.find((candidate) => candidate.sub === sub);
    if (!user) return sendHtml(res, 400, messagePage("Unknown user", "Choose one of the listed users."));
    return provider.interactionFinished(req, res, { login: { accountId: user.sub } });
  }
  if (req.method === "POST" && action === "abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user cancelled the sign-in." });
  }
  sendHtml(res, 404, messagePage("Not found", "No such page."));
}

/** Auto-consent: grant exactly what the client asked for and is still missing, without a page. */
async function grantConsent(provider: Provider, details: InteractionDetails, req: IncomingMessage, res: ServerResponse) {
  const accountId = details.session?.accountId;
  if (!accountId) return provider.interactionFinished(req, res, { error: "login_required" });
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("request body too large");
  }
  return body;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(html);
}
