// Who acts from a terminal: the AWS identity the CLI's credentials belong to, and the operating-system user
// running it (a shared profile's ARN alone would not tell people apart).
import { userInfo } from "node:os";
import type { AuditRecord } from "../db/audit.ts";
import { getCallerIdentity } from "../iam/index.ts";

export type CliActor = Pick<AuditRecord, "actor" | "actorId" | "actorRole">;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown-user";
  }
}

export async function cliActor(): Promise<CliActor> {
  const me = await getCallerIdentity();
  return { actor: `${osUser()} via cli:${me.arn}`, actorId: `cli:${me.arn}`, actorRole: "cli" };
}
