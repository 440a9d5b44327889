// How IAM names things, as zod schemas for every input that carries an IAM name or id.
import { z } from "zod";

/**
 * AWS documents access key ids as 16–128 characters of [A-Z0-9] (long-term ones start AKIA, temporary
 * ones ASIA). Uppercased because people retype them from screenshots in lower case.
 */
export const accessKeyIdSchema = z
  .string({ error: (issue) => (issue.input == null ? "Access key id is required" : "Access key id must be text") })
  .trim()
  .toUpperCase()
  .min(1, "Access key id is required")
  .regex(/^[A-Z0-9]{16,128}$/, "Access key id must be 16–128 letters and digits, like AKIAIOSFODNN7EXAMPLE");

/** IAM user names: 1–64 characters of letters, digits and + = , . @ _ - (the IAM API's own pattern). */
export const userNameSchema = z
  .string({ error: (issue) => (issue.input == null ? "User name is required" : "User name must be text") })
  .trim()
  .min(1, "User name is required")
  .max(64, "User name must be 64 characters or fewer")
  .regex(/^[\w+=,.@-]+$/, "User name may contain only letters, digits and + = , . @ _ -");

export const accountIdSchema = z
  .string({ error: "Account id is required" })
  .trim()
  .regex(/^\d{12}$/, "Account id must be 12 digits");
