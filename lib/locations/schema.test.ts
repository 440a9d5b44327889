import { describe, expect, it } from "vitest";
import { LOCATION_KINDS, locationInputSchema, locationKindLabel } from "./schema.ts";

const valid = {
  kind: "secrets-repo",
  system: "govuk-secrets/puppet",
  environment: "production",
  identifier: "govuk::apps::support::aws_access_key_id",
  notes: "",
};

function messagesOf(input: unknown): string[] {
  const result = locationInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("locationKindLabel", () => {
  it("gives every kind a distinct human label", () => {
    const labels = LOCATION_KINDS.map(locationKindLabel);
    expect(new Set(labels).size).toBe(LOCATION_KINDS.length);
    expect(locationKindLabel("ci-variable")).toBe("CI variable");
  });
});

describe("locationInputSchema", () => {
  it("trims every field, lowercases the environment and turns empty notes into null", () => {
    const parsed = locationInputSchema.parse({
      ...valid,
      system: "  Fastly ",
      environment: " Staging\t",
      identifier: " service 123 ",
      notes: "   ",
    });
    expect(parsed).toEqual({
      kind: "secrets-repo",
      system: "Fastly",
      environment: "staging",
      identifier: "service 123",
      notes: null,
    });
  });

  it("treats missing notes (FormData.get gives null) as no notes and drops unknown fields", () => {
    expect(locationInputSchema.parse({ ...valid, notes: null, $ACTION_ID_abc: "" })).toEqual({ ...valid, notes: null });
    const withoutNotes = { kind: valid.kind, system: valid.system, environment: "qa", identifier: "x" };
    expect(locationInputSchema.parse(withoutNotes).notes).toBeNull();
  });

  it("says which fields are required when they are missing or blank", () => {
    expect(messagesOf({})).toEqual([
      "Kind is required",
      "System is required",
      "Environment is required",
      "Identifier is required",
    ]);
    expect(messagesOf({ ...valid, system: "   " })).toEqual(["System is required"]);
  });

  it("lists the allowed kinds when the kind is unknown", () => {
    expect(messagesOf({ ...valid, kind: "vault" })).toEqual([
      "Kind must be one of: secrets-repo, third-party, ci-variable, app-config, other",
    ]);
  });

  it("enforces the length limits after trimming", () => {
    expect(messagesOf({ ...valid, system: ` ${"s".repeat(100)} ` })).toEqual([]);
    expect(messagesOf({ ...valid, system: "s".repeat(101) })).toEqual(["System must be 100 characters or fewer"]);
    expect(messagesOf({ ...valid, environment: "e".repeat(51) })).toEqual([
      "Environment must be 50 characters or fewer",
    ]);
    expect(messagesOf({ ...valid, identifier: "i".repeat(301) })).toEqual([
      "Identifier must be 300 characters or fewer",
    ]);
    expect(messagesOf({ ...valid, notes: "n".repeat(2000) })).toEqual([]);
    expect(messagesOf({ ...valid, notes: "n".repeat(2001) })).toEqual(["Notes must be 2000 characters or fewer"]);
  });

  it("keeps newlines and tabs in notes, normalising CRLF, but rejects other control characters", () => {
    expect(locationInputSchema.parse({ ...valid, notes: "line one\r\n\tline two" }).notes).toBe("line one\n\tline two");
    expect(messagesOf({ ...valid, notes: "bell\u0007" })).toEqual([
      "Notes must not contain control characters other than newline and tab",
    ]);
  });

  it("rejects control characters, even newlines, in single-line fields", () => {
    expect(messagesOf({ ...valid, system: "Fast\nly" })).toEqual(["System must not contain control characters"]);
    expect(messagesOf({ ...valid, identifier: "key\u0000" })).toEqual([
      "Identifier must not contain control characters",
    ]);
  });

  // A hand-made server action call can carry half a surrogate pair (a browser's form cannot); the database driver cannot store it.
  it("rejects half a surrogate pair in any text field", () => {
    expect(messagesOf({ ...valid, system: "Fast\ud800ly" })).toEqual(["System has a broken character: type it again"]);
    expect(messagesOf({ ...valid, notes: "\udbff" })).toEqual(["Notes have a broken character: type them again"]);
  });
});
