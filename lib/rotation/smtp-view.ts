import "server-only";
// Everything the SMTP user rotation page shows, as plain serializable data: the stored rotation, both
// users' keys as last read from IAM, the checklist, the cut-over, and which buttons the rules allow.
import { listKeysOfUser, type StoredKey } from "../db/keys.ts";
import { listLocations, type LocationRecord } from "../db/locations.ts";
import { listLocationUpdates } from "../db/rotations.ts";
import { getSmtpRotation, type SmtpRotationRecord } from "../db/smtp-rotations.ts";
import { env } from "../env.ts";
import { SES_SMTP_REGIONS } from "../iam/ses-smtp.ts";
import type { Role } from "../auth/roles.ts";
import { rulesConfig } from "./context.ts";
import { newUserNameOf } from "./smtp-context.ts";
import type { ChecklistRow, KeyUse } from "./view.ts";
import {
  availableSmtpEvents,
  evaluateSmtpCutover,
  plannedUserName,
  type SmtpCutoverEvaluation,
  type SmtpEventAvailability,
  type SmtpKeySnapshot,
  type SmtpRotationState,
} from "./rules/smtp.ts";

export type SmtpCutoverView = {
  oldKeys: KeyUse[];
  newKey: KeyUse | null;
  evaluation: (Omit<SmtpCutoverEvaluation, "oldKeyQuietSince"> & { oldKeyQuietSince: string }) | null;
  quietWindowMs: number;
};

export type SmtpRotationView = {
  rotation: SmtpRotationRecord;
  oldKeys: StoredKey[];
  newKeys: StoredKey[] | null;
  /** The old user's recorded locations (they move to the new user once every one has the new credentials). */
  locations: LocationRecord[];
  checklist: ChecklistRow[];
  available: SmtpEventAvailability[];
  cutover: SmtpCutoverView;
  /** The name the old user would be re-created under if created now, or why it cannot be. */
  plannedUserName: { ok: true; userName: string } | { ok: false; message: string };
  regions: readonly string[];
  defaultRegion: string;
  inactivePeriodMs: number;
};

const snapshot = (k: StoredKey): SmtpKeySnapshot => ({
  accessKeyId: k.accessKeyId,
  status: k.status,
  createDate: k.createDate,
  lastUsedDate: k.lastUsedDate,
  lastUsedService: k.lastUsedService,
});

const keyUse = (k: StoredKey): KeyUse => ({
  accessKeyId: k.accessKeyId,
  status: k.status,
  createDate: k.createDate.toISOString(),
  lastUsedDate: k.lastUsedDate?.toISOString() ?? null,
  lastUsedService: k.lastUsedService,
});

/** Cut-over as the rules see it, for the page and for the polling endpoint. */
export function smtpCutoverOf(state: SmtpRotationState, oldKeys: StoredKey[], newKeys: StoredKey[] | null, now: Date): SmtpCutoverView {
  const config = rulesConfig();
  const newKey = "newKeyId" in state ? newKeys?.find((k) => k.accessKeyId === state.newKeyId) : undefined;
  const verifyStartedAt = "verifyStartedAt" in state ? state.verifyStartedAt : null;
  const evaluation = newKey && verifyStartedAt ? evaluateSmtpCutover({ verifyStartedAt }, oldKeys.map(snapshot), snapshot(newKey), now, config) : null;
  return {
    oldKeys: oldKeys.map(keyUse),
    newKey: newKey ? keyUse(newKey) : null,
    evaluation: evaluation ? { ...evaluation, oldKeyQuietSince: evaluation.oldKeyQuietSince.toISOString() } : null,
    quietWindowMs: config.quietWindowMs,
  };
}

/** Both users' stored keys; the new user's are null until this rotation has created it. */
export async function smtpRotationKeys(rotation: SmtpRotationRecord): Promise<{ oldKeys: StoredKey[]; newKeys: StoredKey[] | null }> {
  const newUserName = newUserNameOf(rotation.state);
  // Named while create-user runs, but only known to exist once that step is over.
  const created = newUserName !== null && rotation.state.step !== "create-user";
  const [oldKeys, newKeys] = await Promise.all([
    listKeysOfUser(rotation.accountId, rotation.state.oldUserName),
    created ? listKeysOfUser(rotation.accountId, newUserName) : Promise.resolve(null),
  ]);
  return { oldKeys, newKeys };
}

export async function loadSmtpRotationView(rotationId: string, role: Role, now = new Date()): Promise<SmtpRotationView | null> {
  const rotation = await getSmtpRotation(rotationId);
  if (!rotation) return null;
  const state = rotation.state;
  const [{ oldKeys, newKeys }, locations, updates] = await Promise.all([
    smtpRotationKeys(rotation),
    listLocations({ iamUserId: rotation.iamUserId }),
    listLocationUpdates(rotation.id),
  ]);
  const checklist =
    state.step === "distribute"
      ? state.checklist.flatMap((item) => {
          const location = locations.find((l) => l.id === item.locationId);
          const record = updates.find((u) => u.locationId === item.locationId);
          return location ? [{ location, updated: item.updatedAt !== null, note: item.note, updatedBy: record?.updatedBy ?? null }] : [];
        })
      : [];
  const facts = { now, role, config: rulesConfig(), oldKeys: oldKeys.map(snapshot), newKeys: newKeys?.map(snapshot) ?? null };
  const planned = plannedUserName(state.oldUserName, now);
  return {
    rotation,
    oldKeys,
    newKeys,
    locations,
    checklist,
    available: availableSmtpEvents(state, facts),
    cutover: smtpCutoverOf(state, oldKeys, newKeys, now),
    plannedUserName: planned.ok ? planned : { ok: false, message: planned.message },
    regions: SES_SMTP_REGIONS,
    defaultRegion: env().KEYROTATE_SES_REGION,
    inactivePeriodMs: rulesConfig().inactivePeriodMs,
  };
}
