// A browser stand-in for tests without Chromium: follows the test provider's redirects by hand,
// keeps its cookies (so its provider session lasts between calls, as a browser's would), submits
// its login and logout forms, and stops at the first redirect to the relying party.
import { escapeHtml } from "./oidc-provider-pages.ts";

const MAX_HOPS = 20;

export type SignInResult = {
  /** The redirect to the relying party, e.g. http://127.0.0.1:3000/auth/callback?code=...&state=...&iss=... */
  callbackUrl: URL;
  /** False when the provider's session signed the user in without showing its login page. */
  loginPageShown: boolean;
};

export class OidcUserAgent {
  private readonly cookies = new Map<string, string>();

  /**
   * Opens an authorization URL and, if the login page appears, presses the button for `sub`.
   * Resolves at the first redirect whose URL starts with `redirectUri`, without requesting it.
   */
  async signIn(authorizationUrl: URL | string, { sub, redirectUri }: { sub: string; redirectUri: string }): Promise<SignInResult> {
    let loginPageShown = false;
    let response = await this.request(new URL(authorizationUrl));
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const location = redirectTarget(response);
      if (location) {
        if (location.href.startsWith(redirectUri)) return { callbackUrl: location, loginPageShown };
        response = await this.request(location);
        continue;
      }
      const html = await response.text();
      const button = new RegExp(`<button type="submit" name="sub" value="${escapeRegExp(escapeHtml(sub))}">`);
      if (response.status !== 200 || !button.test(html)) throw unexpected(response, html, `a login page with a button for ${sub}`);
      loginPageShown = true;
      const form = formOf(html, response.url, 'name="sub"');
      response = await this.request(form.action, new URLSearchParams({ ...form.fields, sub }));
    }
    throw new Error(`no redirect to ${redirectUri} after ${MAX_HOPS} hops`);
  }

  /**
   * Opens an end-session URL (openid-client's buildEndSessionUrl), confirms the provider's logout form
   * as its page's script would, and resolves at the redirect to `postLogoutRedirectUri`.
   */
  async signOut(endSessionUrl: URL | string, { postLogoutRedirectUri }: { postLogoutRedirectUri: string }): Promise<URL> {
    let response = await this.request(new URL(endSessionUrl));
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const location = redirectTarget(response);
      if (location) {
        if (location.href.startsWith(postLogoutRedirectUri)) return location;
        response = await this.request(location);
        continue;
      }
      const html = await response.text();
      if (response.status !== 200 || !html.includes('id="op.logoutForm"')) throw unexpected(response, html, "the logout page");
      const form = formOf(html, response.url, 'name="xsrf"');
      response = await this.request(form.action, new URLSearchParams({ ...form.fields, logout: "yes" }));
    }
    throw new Error(`no redirect to ${postLogoutRedirectUri} after ${MAX_HOPS} hops`);
  }

  private async request(url: URL, form?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = { accept: "text/html" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, form ? { method: "POST", headers, body: form, redirect: "manual" } : { headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) this.remember(line);
    return response;
  }

  // One loopback host, so every cookie goes with every request: sending a cookie to a path it was not
  // scoped to does the provider no harm. A cookie set to expire in the past is a deletion.
  private remember(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(";");
    const name = pair.slice(0, pair.indexOf("=")).trim();
    const value = pair.slice(pair.indexOf("=") + 1).trim();
    const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("expires="));
    const maxAge = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("max-age="));
    const expired = (expires && Date.parse(expires.slice(8)) <= Date.now()) || (maxAge && Number(maxAge.slice(8)) <= 0);
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

function redirectTarget(response: Response): URL | undefined {
  const location = response.headers.get("location");
  return response.status >= 300 && response.status < 400 && location ? new URL(location, response.url) : undefined;
}

/** The action and hidden inputs of the first POST form that contains `marker`. */
function formOf(html: string, pageUrl: string, marker: string): { action: URL; fields: Record<string, string> } {
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((match) => match[0].includes(marker));
  const action = form?.[1].match(/action="([^"]*)"/)?.[1];
  if (!form || action === undefined) throw new Error(`no form with ${marker} on ${pageUrl}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)) fields[input[1]] = input[2];
  return { action: new URL(decodeEntities(action), pageUrl), fields };
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function unexpected(response: Response, html: string, wanted: string): Error {
  const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
  return new Error(`expected ${wanted}, got HTTP ${response.status} at ${response.url}: ${text}`);
}
