// Zod pieces for what HTML forms post: every value arrives as a string, or is missing.
import { z } from "zod";

/** A checkbox: "on" when ticked (the browser's default value), absent otherwise. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Free text of at most `max` characters; a missing field is "". */
export const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max));

/** Free text of at most `max` characters; empty or missing is undefined. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().trim().max(max).optional());

/** An id of ours (cuid) or an AWS id, as posted by a hidden field. */
export const recordId = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(128, `${label} is too long`);
