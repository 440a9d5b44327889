import { describe, expect, it } from "vitest";
import { httpStatusOf, KeyrotateError } from "./errors.ts";

describe("httpStatusOf", () => {
  it("answers a refusal the domain explains with a 4xx, and anything unknown with a 500", () => {
    expect(httpStatusOf(new KeyrotateError("invalid-input", "The file is larger than 5 MB."))).toBe(400);
    expect(httpStatusOf(new KeyrotateError("conflict", "Someone else changed it."))).toBe(409);
    expect(httpStatusOf(new KeyrotateError("internal", "A bug."))).toBe(500);
    expect(httpStatusOf(new TypeError("x is undefined"))).toBe(500);
  });
});
