// What an account's settings may be: shared by `keyrotate accounts add` and the accounts page.
import { z } from "zod";
import { ROLES } from "../auth/roles.ts";

export const accountNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, "Name: 1–40 letters, digits, - or _, such as production");

export const roleArnSchema = z
  .string()
  .trim()
  .regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "Role ARN must look like arn:aws:iam::123456789012:role/keyrotate");

// STS's own pattern for ExternalId.
export const externalIdSchema = z.string().trim().regex(/^[\w+=,.@:/-]{2,1224}$/, "External id: 2–1224 letters, digits or + = , . @ : / -");

export const newAccountSchema = z.object({
  name: accountNameSchema,
  roleArn: z.preprocess((v) => (v === "" ? undefined : v), roleArnSchema.optional()),
  externalId: z.preprocess((v) => (v === "" ? undefined : v), externalIdSchema.optional()),
  changeRole: z.preprocess((v) => (v === "" || v == null ? "rotator" : v), z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` })),
});
