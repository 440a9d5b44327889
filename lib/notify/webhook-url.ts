// Which webhook URLs keyrotate will post to. Pure and free of server-only imports, so lib/env.ts can
// validate KEYROTATE_WEBHOOK_URL with it at start-up (and webhook.ts can re-check before each post)
// without an import loop.

/** True for a host that can only be this machine: 127.0.0.0/8, ::1 or the name localhost. */
function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL parsing has already normalised 127.1, 0x7f.0.0.1 and 2130706433 to dotted form,
  // lower-cased names, and bracketed IPv6 literals.
  if (hostname === "localhost" || hostname === "[::1]") return true;
  const octets = hostname.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/**
 * Null when keyrotate may post notices to `url`, else a one-line reason (it never repeats the URL:
 * a Slack webhook's path is its secret). https is required; plain http only when `allowLoopbackHttp`
 * (tests and the demo) and the host is loopback.
 */
export function checkWebhookUrl(url: string, opts: { allowLoopbackHttp: boolean }): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  // fetch refuses these too, but with an error message that quotes the whole URL, password included.
  if (parsed.username || parsed.password) return "must not contain a user name or password";
  if (parsed.protocol === "https:") return null;
  if (parsed.protocol !== "http:") return `must use https (${parsed.protocol} is not allowed)`;
  if (!opts.allowLoopbackHttp) return "must use https";
  if (!isLoopbackHost(parsed.hostname)) return "must use https (plain http is allowed only to a loopback address)";
  return null;
}
