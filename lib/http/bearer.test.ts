import { describe, expect, it } from "vitest";
import { isTokenApiRequest } from "./bearer.ts";

describe("isTokenApiRequest", () => {
  it("passes a bearer request to the read API through to its token check", () => {
    expect(isTokenApiRequest("/api/v1/keys", "Bearer kr_x")).toBe(true);
    expect(isTokenApiRequest("/api/v1/locations", "bearer kr_x")).toBe(true);
  });

  it("keeps every other request behind the session check", () => {
    expect(isTokenApiRequest("/api/v1/keys", null)).toBe(false);
    expect(isTokenApiRequest("/api/v1/keys", "Basic a2V5")).toBe(false);
    expect(isTokenApiRequest("/api/v1/keys", "Bearer ")).toBe(false);
    expect(isTokenApiRequest("/api/v1/keys/export", "Bearer kr_x")).toBe(false);
    expect(isTokenApiRequest("/api/v1/locations/import", "Bearer kr_x")).toBe(false);
    expect(isTokenApiRequest("/api/v1/audit/export", "Bearer kr_x")).toBe(false);
    expect(isTokenApiRequest("/", "Bearer kr_x")).toBe(false);
  });
});
