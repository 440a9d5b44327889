// Who acted, as the audit trail records it: display name, stable subject, role and the request id.
import type { AuditRecord } from "../db/audit.ts";
import type { Actor } from "./roles.ts";

export function auditActor(actor: Actor): Pick<AuditRecord, "actor" | "actorId" | "actorRole" | "requestId"> {
  return { actor: actor.name, actorId: actor.subject ?? null, actorRole: actor.role, requestId: actor.requestId ?? null };
}
