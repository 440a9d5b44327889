// What the owner form accepts. Both blank clears the dashboard's owner (the IAM tags, if any, apply again).
import { z } from "zod";
import { optionalText } from "../form-fields.ts";

export const ownerInputSchema = z.object({
  // One line: a team name is shown in tables and sent in mail subjects and Slack.
  team: optionalText(100).refine((v) => v === undefined || !/[\r\n\t]/.test(v), "Write the team on one line."),
  contact: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.email("Enter an email address, or leave it blank.").max(254).optional()),
});

export type OwnerInput = z.output<typeof ownerInputSchema>;
