// Zod pieces for what HTML forms post: every value arrives as a string, or is missing.
import { z } from "zod";

/** A checkbox: "on" when ticked (the browser's default value), absent otherwise. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// Text the database can store as typed: no NUL (PostgreSQL refuses it), no other control character
// but line breaks and tab, no half of a surrogate pair (which no UTF-8 encoder carries; a form never sends one).
const storable = (s: z.ZodString) =>
  s.regex(/^[^\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$/, "Remove the control characters").refine((v) => v.isWellFormed(), "Remove the broken characters");

/** Free text of at most `max` characters; a missing field is "". */
export const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), storable(z.string().trim().max(max)));

/** Free text of at most `max` characters; empty or missing is undefined. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), storable(z.string().trim().max(max)).optional());

/** An id of ours (cuid) or an AWS id, as posted by a hidden field: letters, digits, - and _. */
export const recordId = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(128, `${label} is too long`)
    .regex(/^[\w-]+$/, `${label} is not an id`);
