import "server-only";
// Everything the rotation page shows, as plain serializable data: the stored rotation, the user's
// keys as last read from IAM, the checklist, and which buttons the rules allow right now.
import { listKeysOfUser, type StoredKey } from "../db/keys.ts";
import { listLocations, type LocationRecord } from "../db/locations.ts";
import { getRotation, listLocationUpdates, listStoreWrites, type KeyRotationRecord, type StoreWriteRecord } from "../db/rotations.ts";
import { isStoreKind } from "../distribute/store.ts";
import type { Role } from "../auth/roles.ts";
import { rulesConfig } from "./context.ts";
import { availableEvents, evaluateCutover, type CutoverEvaluation, type EventAvailability, type KeySnapshot, type RotationState } from "./rules/index.ts";

export type KeyUse = { accessKeyId: string; status: string; createDate: string; lastUsedDate: string | null; lastUsedService: string | null };

export type CutoverView = {
  oldKey: KeyUse | null;
  newKey: KeyUse | null;
  evaluation: (Omit<CutoverEvaluation, "oldKeyQuietSince"> & { oldKeyQuietSince: string }) | null;
  quietWindowMs: number;
};

export type ChecklistRow = {
  location: LocationRecord;
  updated: boolean;
  note: string | null;
  updatedBy: string | null;
  /** A store keyrotate writes itself: what it wrote, or why it could not. */
  store?: { written: { versionId: string } | null; failed: { reason: string } | null } | null;
};

export type RotationView = {
  rotation: KeyRotationRecord;
  keys: StoredKey[];
  locations: LocationRecord[];
  checklist: ChecklistRow[];
  available: EventAvailability[];
  cutover: CutoverView;
  inactivePeriodMs: number;
  /** Stores keyrotate wrote in this rotation and has not yet restored: what a rollback can put back. */
  restorable: StoreWriteRecord[];
};

const snapshot = (k: StoredKey): KeySnapshot => ({
  accessKeyId: k.accessKeyId,
  status: k.status,
  createDate: k.createDate,
  lastUsedDate: k.lastUsedDate,
});

const keyUse = (k: StoredKey | undefined): KeyUse | null =>
  k
    ? {
        accessKeyId: k.accessKeyId,
        status: k.status,
        createDate: k.createDate.toISOString(),
        lastUsedDate: k.lastUsedDate?.toISOString() ?? null,
        lastUsedService: k.lastUsedService,
      }
    : null;

/** Cut-over as the rules see it, for the page and for the polling endpoint. */
export function cutoverOf(state: RotationState, keys: StoredKey[], now: Date): CutoverView {
  const config = rulesConfig();
  const oldKey = keys.find((k) => "oldKeyId" in state && k.accessKeyId === state.oldKeyId);
  const newKey = keys.find((k) => "newKeyId" in state && k.accessKeyId === state.newKeyId);
  const verifyStartedAt = "verifyStartedAt" in state && state.verifyStartedAt ? state.verifyStartedAt : null;
  const evaluation =
    oldKey && newKey && verifyStartedAt ? evaluateCutover({ verifyStartedAt }, snapshot(oldKey), snapshot(newKey), now, config) : null;
  return {
    oldKey: keyUse(oldKey),
    newKey: keyUse(newKey),
    evaluation: evaluation ? { ...evaluation, oldKeyQuietSince: evaluation.oldKeyQuietSince.toISOString() } : null,
    quietWindowMs: config.quietWindowMs,
  };
}

export async function loadRotationView(rotationId: string, role: Role, now = new Date()): Promise<RotationView | null> {
  const rotation = await getRotation(rotationId);
  // An SES SMTP user rotation has its own page and view (smtp-view.ts).
  if (rotation?.kind !== "key") return null;
  const state = rotation.state;
  const oldKeyId = "oldKeyId" in state ? state.oldKeyId : null;
  const [keys, locations, updates, storeWrites] = await Promise.all([
    listKeysOfUser(rotation.accountId, rotation.userName),
    listLocations({ iamUserId: rotation.iamUserId }),
    listLocationUpdates(rotation.id),
    listStoreWrites(rotation.id),
  ]);
  const checklist =
    state.step === "distribute"
      ? state.checklist.map((item) => {
          const record = updates.find((u) => u.locationId === item.locationId);
          return {
            location: locations.find((l) => l.id === item.locationId)!,
            updated: item.updatedAt !== null,
            note: item.note,
            updatedBy: record?.updatedBy ?? null,
            store: isStoreKind(locations.find((l) => l.id === item.locationId)?.kind ?? "")
              ? { written: item.written ?? null, failed: !item.written && item.updatedAt === null && item.writeFailed ? { reason: item.writeFailed.reason } : null }
              : null,
          };
        }).filter((row) => row.location)
      : [];
  const ctx = { now, role, keys: keys.map(snapshot), config: rulesConfig() };
  return {
    rotation,
    keys,
    locations: oldKeyId ? locations.filter((l) => l.accessKeyId === oldKeyId || l.accessKeyId === null) : locations,
    checklist,
    available: availableEvents(state, ctx),
    cutover: cutoverOf(state, keys, now),
    inactivePeriodMs: rulesConfig().inactivePeriodMs,
    restorable: storeWrites.filter((w) => !w.restoredAt),
  };
}
