// Reading what a browser sent, within limits: the body is counted as it streams in and dropped past the
// limit, so nobody can make the server hold a large upload in memory.

export type LimitedText = { ok: true; text: string } | { ok: false; reason: "too-large" | "not-utf8" };

export async function readTextLimited(request: Request, maxBytes: number): Promise<LimitedText> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) return { ok: false, reason: "too-large" };
  const reader = request.body?.getReader();
  if (!reader) return { ok: true, text: "" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: "not-utf8" };
  }
}

/**
 * The origin the browser used: scheme from the URL, host from the Host header (which the proxy checked).
 * Not request.url's origin: Next.js rewrites 127.0.0.1 to localhost there, which is another cookie jar.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  return `${url.protocol}//${request.headers.get("host") ?? url.host}`;
}

/**
 * A state-changing request must come from a page of this site: its Origin is the public URL's (or, without
 * one, the request's own). Next.js checks this for server actions; route handlers check it here.
 */
export function fromThisSite(request: Request, publicUrl: URL | null): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  return origin === (publicUrl ? publicUrl.origin : requestOrigin(request));
}
