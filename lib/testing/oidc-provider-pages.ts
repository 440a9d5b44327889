// The HTML pages of the test OpenID provider: plain, accessible markup that Playwright can drive by
// role and name ("Sign in as Pat Poweruser") and that a fetch-based user agent can parse.
import type { ProviderContext } from "oidc-provider";

export type PageUser = { sub: string; name: string; groups: string[] };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main>
${body}
</main></body>
</html>`;
}

/** The login form: one submit button per configured user, plus a way to cancel. */
export function loginPage(uid: string, clientId: string, users: PageUser[]): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const buttons = users
    .map((user) => {
      const groups = user.groups.length ? user.groups.join(", ") : "no groups";
      return `<li><button type="submit" name="sub" value="${escapeHtml(user.sub)}">Sign in as ${escapeHtml(user.name)}</button> <small>(${escapeHtml(groups)})</small></li>`;
    })
    .join("\n");
  return page(
    "Test identity provider: sign in",
    `<h1>Test identity provider</h1>
<p>Signing in to <strong>${escapeHtml(clientId)}</strong>. Choose a user.</p>
<form method="post" action="${action}/login">
<ul>
${buttons}
</ul>
</form>
<form method="post" action="${action}/abort"><button type="submit">Cancel sign-in</button></form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/**
 * oidc-provider's `features.rpInitiatedLogout.logoutSource`. `form` is its own form (an xsrf token,
 * posting to the end-session confirm endpoint); the button adds logout=yes, which ends the whole
 * provider session. A browser submits it at once, so signing out of the app needs no extra click.
 */
export async function logoutSource(ctx: ProviderContext, form: string): Promise<void> {
  ctx.type = "html";
  ctx.body = page(
    "Test identity provider: sign out",
    `<h1>Signing out of the test identity provider</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.getElementById("op.logoutForm").requestSubmit(document.querySelector('button[name="logout"]'));</script>`,
  );
}

/** Shown when a logout request carried no post_logout_redirect_uri. */
export async function postLogoutSuccessSource(ctx: ProviderContext): Promise<void> {
  ctx.type = "html";
  ctx.body = messagePage("Signed out", "You are signed out of the test identity provider.");
}

/** oidc-provider's `renderError`: the OAuth error code and description, nothing else. */
export async function renderError(ctx: ProviderContext, out: Record<string, unknown>): Promise<void> {
  ctx.type = "html";
  const description = typeof out.error_description === "string" ? out.error_description : "";
  ctx.body = messagePage(`Error: ${String(out.error)}`, description);
}
