// Where sign-in may send a person afterwards: only somewhere on this site, however the address is dressed up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNext } from "./gate.ts";

const SITE = "https://keyrotate.example.org";

describe("safeNext", () => {
  it.each(["//evil.example", "/.//evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", null, undefined])(
    "sends %j home, not away",
    (next) => {
      expect(safeNext(next)).toBe("/");
    },
  );

  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNext("/keys/AKIAIOSFODNN7EXAMPLE?tab=history#locations")).toBe("/keys/AKIAIOSFODNN7EXAMPLE?tab=history#locations");
  });

  it("never leaves the site, whatever it is given", () => {
    const pathish = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("/", "\\", "\t", "\n", " ", ".", ":", "@", "%", "e", "v", "l", "?", "#") }).map((s) => `/${s}`));
    fc.assert(
      fc.property(pathish, (next) => {
        const safe = safeNext(next);
        expect(safe.startsWith("/")).toBe(true);
        expect(new URL(safe, SITE).origin).toBe(SITE);
      }),
      { numRuns: 2000 },
    );
  });
});
