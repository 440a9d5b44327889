// Which requests the proxy lets through without a session cookie because they carry an API token.
// Only the token-gated read API: its route handlers check the token (lib/auth/token-gate.ts).
const TOKEN_PATHS = new Set(["/api/v1/keys", "/api/v1/locations"]);

export function isTokenApiRequest(pathname: string, authorization: string | null): boolean {
  return TOKEN_PATHS.has(pathname.replace(/\/+$/, "")) && /^Bearer[ \t]+\S/i.test(authorization ?? "");
}
