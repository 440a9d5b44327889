// The HTTP surface every response shares: which Host names are served (DNS rebinding), the
// Content-Security-Policy with a per-request nonce, and the other security headers. Pure; the proxy applies it.

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/** Only the public URL's host is served; without one (demo, tests, a laptop) only loopback names. */
export function hostAllowed(host: string | null, publicUrl: URL | null): boolean {
  if (!host) return false;
  if (publicUrl) return host.toLowerCase() === publicUrl.host.toLowerCase();
  return LOOPBACK_HOST.test(host);
}

/** Paths anyone may reach: signing in itself, and the static files the sign-in page needs. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/signin" ||
    pathname.startsWith("/auth/") ||
    pathname.startsWith("/_next/static/") ||
    pathname === "/favicon.ico" ||
    pathname === "/robots.txt"
  );
}

export function contentSecurityPolicy(nonce: string, opts: { development: boolean; https: boolean; signInOrigin: string | null }): string {
  const formAction = ["'self'", opts.signInOrigin].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the scripts Next.js loads with the nonce load their own chunks. React needs
    // eval only in development, for its error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // style="" attributes (charts, React's own) are not scripts; elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    // Sign-out ends with a redirect to the provider's end-session page, which a form's CSP also governs.
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
