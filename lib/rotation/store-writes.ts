import "server-only";
// The distribute step's writes into the stores keyrotate updates itself (lib/distribute), and the rollback's
// restores. The rules only hear "written (version)" or "failed (reason)". The secret stays in memory: it comes
// in as an argument and goes out to the store; only version ids are recorded.
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { appendAudit } from "../db/audit.ts";
import { auditActor } from "../auth/audit-actor.ts";
import { getLocation } from "../db/locations.ts";
import { listStoreWrites, markStoreRestored, recordStoreWrite, saveRotationState, type KeyRotationRecord } from "../db/rotations.ts";
import { describeLocation } from "../locations/describe.ts";
import { storeLocationOf, writerFor } from "../distribute/writers.ts";
import type { StoreAccess } from "../distribute/writer.ts";
import type { Actor } from "../auth/roles.ts";
import type { NewSecret } from "../iam/types.ts";
import { transition, type RotationEvent, type RulesContext } from "./rules/index.ts";

/** One store's outcome, as the person sees it under the step. */
export type StoreResult = { locationId: string; label: string } & ({ ok: true; versionId: string } | { ok: false; reason: string });

type Run = { rotation: KeyRotationRecord; actor: Actor; access: StoreAccess; ctx: () => RulesContext; warn: (what: string, e: unknown) => void };

async function tell(run: Run, event: RotationEvent): Promise<void> {
  const next = transition(run.rotation.state, event, run.ctx());
  if (!next.ok) throw new KeyrotateError("rule-violation", next.message);
  run.rotation = await saveRotationState(run.rotation, next.state);
}

async function audit(run: Pick<Run, "rotation" | "actor" | "warn">, action: string, ok: boolean, message: string, input: Record<string, unknown>): Promise<void> {
  const { rotation, actor } = run;
  await appendAudit({
    ...auditActor(actor),
    action,
    accountId: rotation.accountId,
    userName: rotation.userName,
    accessKeyId: rotation.newKeyId,
    input: { rotationId: rotation.id, ...input },
    result: ok ? "ok" : "error",
    message,
  }).catch((error: unknown) => run.warn(`the audit trail could not record: ${message}`, error));
}

/** Writes the new key into one store location; failures become the location's reason, never a throw. */
async function writeOne(run: Run, locationId: string, secret: Pick<NewSecret, "accessKeyId" | "secretAccessKey">): Promise<StoreResult | null> {
  const location = await getLocation(locationId);
  if (!location) return null;
  const label = describeLocation(location);
  let written: Awaited<ReturnType<ReturnType<typeof writerFor>["write"]>>;
  try {
    const target = storeLocationOf(location);
    if (!target) return null;
    written = await writerFor(target.kind, run.access).write(target, secret);
  } catch (error) {
    const reason = userMessageOf(error);
    if (!(error instanceof KeyrotateError)) console.error(`rotation ${run.rotation.id}: writing ${label} failed`, error);
    await tell(run, { type: "location-write-failed", locationId, reason }).catch((e: unknown) => run.warn(`the failure to write ${label} could not be recorded`, e));
    await audit(run, "rotation.store-write", false, `keyrotate could not write key ${secret.accessKeyId} into ${label}: ${reason}`, { locationId });
    return { locationId, label, ok: false, reason };
  }
  // The store has the new key now: whatever fails below is reported, never turned into a failed write.
  await tell(run, { type: "location-written", locationId, versionId: written.versionId }).catch((e: unknown) => run.warn(`${label} has the new key, but the tick could not be saved`, e));
  await recordStoreWrite(run.rotation.id, locationId, written, run.actor.name).catch((e: unknown) => run.warn(`${label} has the new key, but its version could not be recorded (a rollback cannot restore it)`, e));
  await audit(run, "rotation.store-write", true, `keyrotate wrote key ${secret.accessKeyId} into ${label} (version ${written.versionId}; previous ${written.previousVersionId ?? "none"}).`, { locationId, versionId: written.versionId, previousVersionId: written.previousVersionId });
  return { locationId, label, ok: true, versionId: written.versionId };
}

/** Every store location on the checklist not yet written (or only `locationIds`), one after the other. */
export async function writeStores(
  run: Omit<Run, "rotation"> & { rotation: KeyRotationRecord },
  secret: Pick<NewSecret, "accessKeyId" | "secretAccessKey">,
  locationIds?: string[],
): Promise<{ rotation: KeyRotationRecord; results: StoreResult[] }> {
  const state = run.rotation.state;
  if (state.step !== "distribute") return { rotation: run.rotation, results: [] };
  const todo = state.checklist.filter((item) => !item.written && (locationIds === undefined || locationIds.includes(item.locationId)));
  const results: StoreResult[] = [];
  const r: Run = { ...run };
  for (const item of todo) {
    const result = await writeOne(r, item.locationId, secret);
    if (result) results.push(result);
  }
  return { rotation: r.rotation, results };
}

/** The rollback's second half: each store keyrotate wrote gets its previous version back, audited one by one. */
export async function restoreStores(run: Omit<Run, "ctx">): Promise<StoreResult[]> {
  const results: StoreResult[] = [];
  for (const record of await listStoreWrites(run.rotation.id)) {
    if (record.restoredAt) continue;
    const location = await getLocation(record.locationId);
    if (!location) continue;
    const label = describeLocation(location);
    try {
      const target = storeLocationOf(location);
      if (!target) continue;
      const restored = await writerFor(target.kind, run.access).restore(target, record);
      await markStoreRestored(run.rotation.id, record.locationId, run.actor.name).catch((e: unknown) => run.warn(`${label} was restored, but that could not be recorded`, e));
      await audit(run, "rotation.store-restore", true, `Rolled back ${label}: version ${record.previousVersionId} is current again (was ${record.versionId}).`, { locationId: record.locationId, versionId: restored.versionId });
      results.push({ locationId: record.locationId, label, ok: true, versionId: restored.versionId });
    } catch (error) {
      const reason = userMessageOf(error);
      if (!(error instanceof KeyrotateError)) console.error(`rotation ${run.rotation.id}: restoring ${label} failed`, error);
      await audit(run, "rotation.store-restore", false, `Could not roll back ${label}: ${reason}`, { locationId: record.locationId });
      results.push({ locationId: record.locationId, label, ok: false, reason });
    }
  }
  return results;
}
