import { z } from "zod";

/** Where an access key can be used. The order is the order a form offers them in. */
export const LOCATION_KINDS = [
  "secrets-repo",
  "third-party",
  "ci-variable",
  "app-config",
  "other",
] as const;

export type LocationKind = (typeof LOCATION_KINDS)[number];

export const LOCATION_KIND_LABELS: Readonly<Record<LocationKind, string>> = {
  "secrets-repo": "Secrets repository",
  "third-party": "Third-party service",
  "ci-variable": "CI variable",
  "app-config": "Application config",
  other: "Other",
};

export function locationKindLabel(kind: LocationKind): string {
  return LOCATION_KIND_LABELS[kind];
}

// Single-line fields take no control characters at all: a stray CR or NUL pasted from a terminal would
// make two entries that look identical but never compare equal. Notes may span lines, so they keep
// newline and tab.
const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
const NO_CONTROL_CHARS_EXCEPT_NEWLINE_TAB = /^[^\0-\x08\x0B-\x1F\x7F-\x9F]*$/;
// Half of a surrogate pair: a browser's form never sends one, a hand-made request can, and the database
// driver cannot encode it.
const wellFormed = (value: string) => value.isWellFormed();

/** A required, trimmed, single-line text field whose messages name it for a person. */
function requiredText(label: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input == null ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be ${max} characters or fewer`)
    .regex(NO_CONTROL_CHARS, `${label} must not contain control characters`)
    .refine(wellFormed, `${label} has a broken character: type it again`);
}

const kindSchema = z.enum(LOCATION_KINDS, {
  error: (issue) =>
    issue.input == null || issue.input === ""
      ? "Kind is required"
      : `Kind must be one of: ${LOCATION_KINDS.join(", ")}`,
});

const notesSchema = z
  .string({ error: "Notes must be text" })
  // Browsers submit textarea line breaks as CRLF; store one form so exports and diffs stay stable.
  .overwrite((value) => value.replace(/\r\n?/g, "\n"))
  .trim()
  .max(2000, "Notes must be 2000 characters or fewer")
  .regex(NO_CONTROL_CHARS_EXCEPT_NEWLINE_TAB, "Notes must not contain control characters other than newline and tab")
  .refine(wellFormed, "Notes have a broken character: type them again")
  // A missing field (FormData.get gives null) and an empty one both mean "no notes".
  .nullish()
  .transform((value) => (value ? value : null));

/**
 * One location of an access key, as typed in the form or read from a CSV row. Unknown keys (for example
 * the fields Next.js adds to a server action's FormData) are dropped.
 */
export const locationInputSchema = z.object({
  kind: kindSchema,
  system: requiredText("System", 100),
  // Lowercased so "Production" and "production" are one environment in filters and duplicate checks.
  environment: requiredText("Environment", 50).toLowerCase(),
  identifier: requiredText("Identifier", 300),
  notes: notesSchema,
});

export type LocationInput = z.output<typeof locationInputSchema>;
