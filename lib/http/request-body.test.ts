import { describe, expect, it } from "vitest";
import { fromThisSite, readTextLimited } from "./request-body.ts";

function streamed(parts: string[], headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });
  return new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readTextLimited", () => {
  it("reads a body within the limit", async () => {
    expect(await readTextLimited(streamed(["a,b\n", "c,d\n"]), 100)).toEqual({ ok: true, text: "a,b\nc,d\n" });
  });

  it("stops reading as soon as the body passes the limit, whatever Content-Length claimed", async () => {
    expect(await readTextLimited(streamed(["x".repeat(60), "y".repeat(60)], { "content-length": "10" }), 100)).toEqual({ ok: false, reason: "too-large" });
  });

  it("refuses a declared length over the limit without reading", async () => {
    expect(await readTextLimited(streamed(["small"], { "content-length": "1000" }), 100)).toEqual({ ok: false, reason: "too-large" });
  });

  it("refuses bytes that are not UTF-8", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
        c.close();
      },
    });
    const request = new Request("http://127.0.0.1/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readTextLimited(request, 100)).toEqual({ ok: false, reason: "not-utf8" });
  });
});

describe("fromThisSite", () => {
  const post = (origin?: string) => new Request("http://127.0.0.1:3000/api/x", { method: "POST", headers: origin ? { origin } : {} });
  it("wants the public URL's origin when there is one", () => {
    const pub = new URL("https://keyrotate.example.org");
    expect(fromThisSite(post("https://keyrotate.example.org"), pub)).toBe(true);
    expect(fromThisSite(post("https://evil.example"), pub)).toBe(false);
    expect(fromThisSite(post(), pub)).toBe(false);
  });
  it("wants the request's own origin otherwise, as the Host header names it", () => {
    const viaHost = (origin: string, host: string) => new Request("http://localhost:3000/api/x", { method: "POST", headers: { origin, host } });
    expect(fromThisSite(viaHost("http://127.0.0.1:3000", "127.0.0.1:3000"), null)).toBe(true);
    expect(fromThisSite(viaHost("http://localhost:3000", "127.0.0.1:3000"), null)).toBe(false);
  });
});
