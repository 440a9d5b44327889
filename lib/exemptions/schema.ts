// What the exemption form accepts: a key (and whether the exemption covers its whole user), a flag, why,
// and the date the flag returns. The date is a day (the form's date picker); the exemption ends at its
// first moment, UTC.
import { z } from "zod";
import { recordId, text } from "../form-fields.ts";
import { accessKeyIdSchema } from "../iam/schemas.ts";
import { FLAGS, FLAG_INFO } from "../inventory/flags.ts";

/** The longest exemption: a year, so every exception is looked at again at least once a year. */
export const MAX_EXEMPTION_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const day = z
  .string({ error: "Choose the date the flag returns." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the date the flag returns (YYYY-MM-DD).")
  .transform((v, ctx) => {
    const at = new Date(`${v}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: "custom", message: "That date does not exist." });
      return z.NEVER;
    }
    return at;
  })
  // Checked when the form arrives: an expiry in the past would exempt nothing.
  .refine((at) => at.getTime() > Date.now(), "Choose a date after today.")
  .refine((at) => at.getTime() <= Date.now() + MAX_EXEMPTION_DAYS * DAY_MS, `An exemption lasts at most ${MAX_EXEMPTION_DAYS} days.`);

export const exemptionInputSchema = z.object({
  accessKeyId: accessKeyIdSchema,
  flag: z.enum(FLAGS, { message: `Choose a flag: ${FLAGS.map((f) => FLAG_INFO[f].label).join(", ")}.` }),
  scope: z.enum(["key", "user"], { message: "Choose this key or every key of the user." }).default("key"),
  reason: text(500).refine((v) => v.length >= 3, "Say why (at least 3 characters): the reason is shown wherever the key is."),
  expiresOn: day,
});

export type ExemptionInput = z.output<typeof exemptionInputSchema>;

export const endExemptionSchema = z.object({ id: recordId("The exemption") });
