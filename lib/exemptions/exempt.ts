import "server-only";
// Granting and ending exemptions. A new exemption of the same key (or user) from the same flag replaces
// the one in force, so extending an exemption is granting it again with the new date.
import { createExemption, endExemption, findExemption, listExemptionsOfUser, type StoredExemption } from "../db/exemptions.ts";
import type { StoredKey } from "../db/keys.ts";
import { KeyrotateError } from "../errors.ts";
import { inForce } from "../inventory/exemptions.ts";
import type { ExemptionInput } from "./schema.ts";

export type Granted = { exemption: StoredExemption; replaced: number };

export async function exemptKey(key: StoredKey, input: ExemptionInput, actor: string, now = new Date()): Promise<Granted> {
  const accessKeyId = input.scope === "key" ? key.accessKeyId : null;
  const same = (await listExemptionsOfUser(key.accountId, key.userName, 500)).filter((e) => inForce(e, now) && e.flag === input.flag && e.accessKeyId === accessKeyId);
  let replaced = 0;
  for (const e of same) if (await endExemption(e.id, actor, now)) replaced++;
  const exemption = await createExemption({
    accountId: key.accountId,
    userName: key.userName,
    accessKeyId,
    flag: input.flag,
    reason: input.reason,
    expiresAt: input.expiresOn,
    createdBy: actor,
  });
  return { exemption, replaced };
}

export async function loadExemption(id: string): Promise<StoredExemption> {
  const exemption = await findExemption(id);
  if (!exemption) throw new KeyrotateError("not-found", "No such exemption: reload the page.");
  return exemption;
}

/** Ends it now: the flag it held back is raised again from the next page load. */
export async function endExemptionNow(exemption: StoredExemption, actor: string, now = new Date()): Promise<StoredExemption> {
  if (!inForce(exemption, now)) throw new KeyrotateError("conflict", "That exemption has already ended or expired.");
  if (!(await endExemption(exemption.id, actor, now))) throw new KeyrotateError("conflict", "Someone ended that exemption a moment ago.");
  return exemption;
}
