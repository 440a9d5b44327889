// The relying-party side with openid-client 6.9 against the real test provider, no browser: the calls
// here are the recipe at the top of oidc-provider.ts, which the app's /auth routes will follow.
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OIDC_TEST_SCOPES, startOidcProvider, type RunningOidcProvider } from "./oidc-provider.ts";
import { OidcUserAgent } from "./oidc-user-agent.ts";

// Nothing listens here: the user agent stops at the redirect, as the app's callback would receive it.
const APP = "http://127.0.0.1:9/keyrotate";
const REDIRECT_URI = `${APP}/auth/callback`;
const SIGNED_OUT_URI = `${APP}/signed-out`;
const CLIENT = { clientId: "keyrotate", clientSecret: "test-secret", redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [SIGNED_OUT_URI] };
const PAT = { sub: "pat", name: "Pat Poweruser", email: "pat@example.test", groups: ["poweruser", "platformhealth-poweruser"] };
const ALEX = { sub: "alex", name: "Alex Admin", groups: ["admin"] };

type Flow = { url: URL; codeVerifier: string; state: string; nonce: string };

/** What GET /auth/login does: fresh PKCE verifier, state and nonce, and the URL to redirect to. */
async function startFlow(config: oidc.Configuration, extra: Record<string, string> = {}): Promise<Flow> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: OIDC_TEST_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { url, codeVerifier, state, nonce };
}

/** What GET /auth/callback does, given the public URL the browser arrived at. */
function finishFlow(config: oidc.Configuration, flow: Flow, currentUrl: URL, expectedState = flow.state) {
  return oidc.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
}

function discover(issuer: string, options?: oidc.DiscoveryRequestOptions) {
  return oidc.discovery(new URL(issuer), CLIENT.clientId, CLIENT.clientSecret, oidc.ClientSecretBasic(CLIENT.clientSecret), options);
}

describe("test OpenID provider with openid-client", () => {
  let provider: RunningOidcProvider;
  let config: oidc.Configuration;

  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [CLIENT], users: [PAT, ALEX] });
    // Allowed only because the issuer is http on loopback; a real issuer is https and needs nothing.
    config = await discover(provider.issuer, { execute: [oidc.allowInsecureRequests] });
  });
  afterAll(() => provider.stop());

  it("binds loopback and advertises code flow with PKCE, the groups scope and logout", () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(provider.issuer);
    expect(metadata.response_types_supported).toContain("code");
    expect(metadata.code_challenge_methods_supported).toContain("S256");
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "groups"]));
    expect(metadata.claims_supported).toContain("groups");
    expect(metadata.end_session_endpoint).toBe(`${provider.issuer}/session/end`);
  });

  it("is refused by openid-client over http unless allowInsecureRequests is given", async () => {
    await expect(discover(provider.issuer)).rejects.toThrow(/HTTPS/i);
  });

  it("signs a user in: the ID token and userinfo carry sub, name, email and the groups array", async () => {
    const flow = await startFlow(config);
    const { callbackUrl, loginPageShown } = await new OidcUserAgent().signIn(flow.url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    expect(loginPageShown).toBe(true);
    expect(callbackUrl.searchParams.get("state")).toBe(flow.state);

    const tokens = await finishFlow(config, flow, callbackUrl);
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: provider.issuer, aud: CLIENT.clientId, sub: PAT.sub, name: PAT.name, email: PAT.email, nonce: flow.nonce });
    expect(claims?.groups).toEqual(PAT.groups);

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, PAT.sub);
    expect(userinfo).toMatchObject({ sub: PAT.sub, name: PAT.name, groups: PAT.groups });
  });

  it("gives each user their own groups, and no email claim to a user without one", async () => {
    const flow = await startFlow(config);
    const { callbackUrl } = await new OidcUserAgent().signIn(flow.url, { sub: ALEX.sub, redirectUri: REDIRECT_URI });
    const claims = (await finishFlow(config, flow, callbackUrl)).claims();
    expect(claims).toMatchObject({ sub: ALEX.sub, name: ALEX.name, groups: ["admin"] });
    expect(claims).not.toHaveProperty("email");
  });

  it("rejects a callback whose state is not the one the flow started with, before redeeming the code", async () => {
    const flow = await startFlow(config);
    const { callbackUrl } = await new OidcUserAgent().signIn(flow.url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    const error = await finishFlow(config, flow, callbackUrl, oidc.randomState()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(oidc.ClientError);
    expect((error as Error).cause).toMatchObject({ message: 'unexpected "state" response parameter value' });
    // The code was never sent to the provider, so the right state still redeems it.
    expect((await finishFlow(config, flow, callbackUrl)).claims()?.sub).toBe(PAT.sub);
  });

  it("fails the code exchange when currentUrl is not the public redirect URI (an app behind a proxy)", async () => {
    const flow = await startFlow(config);
    const { callbackUrl } = await new OidcUserAgent().signIn(flow.url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    const internal = new URL(`http://localhost:3000/auth/callback${callbackUrl.search}`);
    const error = await finishFlow(config, flow, internal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(oidc.ResponseBodyError);
    expect(error).toMatchObject({ error: "invalid_grant" });
  });

  it("requires PKCE: an authorization request without a code challenge comes back as an error", async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: OIDC_TEST_SCOPES, state: "s" });
    const response = await fetch(url, { redirect: "manual" });
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/requires PKCE/);
  });

  it("returns access_denied to the app when the user cancels on the login page", async () => {
    const flow = await startFlow(config);
    const login = await fetch(flow.url, { redirect: "manual" });
    const interaction = new URL(login.headers.get("location") ?? "", provider.issuer);
    const cookie = login.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const cancel = await fetch(new URL(`${interaction.pathname}/abort`, provider.issuer), { method: "POST", headers: { cookie }, redirect: "manual" });
    const resume = await fetch(new URL(cancel.headers.get("location") ?? "", provider.issuer), { headers: { cookie }, redirect: "manual" });
    const callback = new URL(resume.headers.get("location") ?? "");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    const error = await finishFlow(config, flow, callback).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(oidc.AuthorizationResponseError);
    expect(error).toMatchObject({ error: "access_denied" });
  });

  it("keeps the provider session for the next sign-in, and RP-initiated logout ends it", async () => {
    const browser = new OidcUserAgent();
    const first = await startFlow(config);
    const signedIn = await browser.signIn(first.url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    const tokens = await finishFlow(config, first, signedIn.callbackUrl);

    const again = await browser.signIn((await startFlow(config)).url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    expect(again.loginPageShown).toBe(false);

    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? "", post_logout_redirect_uri: SIGNED_OUT_URI, state: "bye" });
    expect(endSession.href.startsWith(`${provider.issuer}/session/end?`)).toBe(true);
    const back = await browser.signOut(endSession, { postLogoutRedirectUri: SIGNED_OUT_URI });
    expect(`${back.origin}${back.pathname}`).toBe(SIGNED_OUT_URI);
    expect(back.searchParams.get("state")).toBe("bye");

    const afterLogout = await browser.signIn((await startFlow(config)).url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    expect(afterLogout.loginPageShown).toBe(true);
  });

  it("refuses a post_logout_redirect_uri the client did not register", async () => {
    const url = oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: "http://127.0.0.1:9/elsewhere" });
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("post_logout_redirect_uri not registered");
  });
});

describe("test OpenID provider with a custom groups claim name", () => {
  let provider: RunningOidcProvider;
  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [CLIENT], users: [PAT], groupsClaim: "roles" });
  });
  afterAll(() => provider.stop());

  it("releases the groups under that claim name instead of `groups`", async () => {
    const config = await discover(provider.issuer, { execute: [oidc.allowInsecureRequests] });
    const flow = await startFlow(config);
    const { callbackUrl } = await new OidcUserAgent().signIn(flow.url, { sub: PAT.sub, redirectUri: REDIRECT_URI });
    const claims = (await finishFlow(config, flow, callbackUrl)).claims();
    expect(claims?.roles).toEqual(PAT.groups);
    expect(claims).not.toHaveProperty("groups");
  });
});

it("refuses to start with a client oidc-provider would reject, instead of failing mid-test", async () => {
  const bad = { ...CLIENT, redirectUris: ["not a url"] };
  await expect(startOidcProvider({ clients: [bad], users: [PAT] })).rejects.toThrow(/client keyrotate: redirect_uris must only contain valid uris/);
});
