import { describe, expect, it } from "vitest";
import { optionalText, recordId, text } from "./form-fields.ts";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));

describe("recordId", () => {
  it("takes our ids and AWS's", () => {
    expect(recordId("Id").parse(" cmx4od0xg0005177dz9d6tbl0 ")).toBe("cmx4od0xg0005177dz9d6tbl0");
    expect(recordId("Id").parse("AKIAIOSFODNN7EXAMPLE")).toBe("AKIAIOSFODNN7EXAMPLE");
  });

  // PostgreSQL answers a NUL in a query with an error, not a miss: such an id must stop here.
  it.each(["nul\u0000", "\ud800", "a b", "' OR 1=1 --", "<script>"])("refuses %j as no id", (value) => {
    expect(messages(recordId("Location id").safeParse(value))).toEqual(["Location id is not an id"]);
  });
});

describe("text and optionalText", () => {
  it("keep a textarea's line breaks and tabs", () => {
    expect(text(500).parse("one\r\n\ttwo")).toBe("one\r\n\ttwo");
    expect(optionalText(500).parse("one\ntwo")).toBe("one\ntwo");
  });

  it.each([text(500), optionalText(500)])("refuse NUL, other control characters and half surrogate pairs", (schema) => {
    expect(messages(schema.safeParse("a\u0000b"))).toEqual(["Remove the control characters"]);
    expect(messages(schema.safeParse("bell\u0007"))).toEqual(["Remove the control characters"]);
    expect(messages(schema.safeParse("x\udc00"))).toEqual(["Remove the broken characters"]);
  });
});
