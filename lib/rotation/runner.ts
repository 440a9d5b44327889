import "server-only";
// Applies the rules' decisions: loads live facts, asks lib/rotation/rules, claims the step in the
// database (compare-and-swap) BEFORE touching IAM, then runs the effects in order.
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { appendAudit } from "../db/audit.ts";
import { auditActor } from "../auth/audit-actor.ts";
import { listLocations, moveLocationsToKey } from "../db/locations.ts";
import type { NewSecret } from "../iam/types.ts";
import {
  createRotation,
  getRotation,
  recordLocationUpdate,
  removeLocationUpdate,
  saveRotationState,
  type KeyRotationRecord,
} from "../db/rotations.ts";
import type { Actor } from "../auth/roles.ts";
import { assertManaged } from "../auth/scope-config.ts";
import { assertMayChangeKeysIn } from "../accounts/registry.ts";
import { withUserLease } from "./user-lease.ts";
import { restoreStores, writeStores, type StoreResult } from "./store-writes.ts";
import { defaultDeps, readLiveUser, refreshLiveUser, rulesConfig, tellSecondLine, type LiveUser, type RotationDeps } from "./context.ts";
import { startRotation, transition, type Effect, type RotationEvent, type RotationState, type RulesContext } from "./rules/index.ts";

export type AdvanceOutcome = {
  rotation: KeyRotationRecord;
  audit: string;
  notice?: string;
  /** Present once, right after the new key is created; never stored anywhere. */
  secret?: NewSecret;
  /** What failed after IAM had changed: the change stands, the person is told. */
  warnings: string[];
  /** Each store keyrotate wrote (or restored) in this request, with its version or why it failed. */
  stores?: StoreResult[];
};

/** What a person can ask for; the runner fills in what the rules need from the database. */
export type RotationCommand =
  | Exclude<
      RotationEvent,
      | { type: "confirm-locations" }
      | { type: "key-created" }
      | { type: "notified" }
      | { type: "location-written" }
      | { type: "location-write-failed" }
      | { type: "reactivate-old" }
    >
  | { type: "confirm-locations"; acknowledgeNoLocations?: boolean }
  /** `restoreStores`: also put back, in each store keyrotate wrote, the version that was current before. */
  | { type: "reactivate-old"; restoreStores?: boolean };

function refused(result: { ok: false; message: string; code: string }): never {
  throw new KeyrotateError("rule-violation", result.message);
}

export async function beginRotation(
  input: { accountId: string; userName: string; actor: Actor },
  deps: RotationDeps = defaultDeps,
): Promise<AdvanceOutcome> {
  await assertMayChangeKeysIn(input.accountId, input.actor);
  // Held while the rotation is decided and created: a direct key action on the same user waits its turn.
  const busy = `A rotation of ${input.userName} is already in progress or being started, or someone is changing its keys: reload and continue from there.`;
  return withUserLease(input.accountId, input.userName, async () => {
    const { iamUserId, keys, user } = await readLiveUser(deps, input.accountId, input.userName, input.actor.name);
    await assertManaged({ accountId: input.accountId, userName: input.userName, path: user.path, tags: user.tags });
    const started = startRotation({ now: deps.now(), role: input.actor.role, keys });
    if (!started.ok) refused(started);
    const rotation = await createRotation({ accountId: input.accountId, iamUserId, userName: input.userName, state: started.state, startedBy: input.actor.name });
    return { rotation, audit: started.audit, warnings: [] };
  }, busy);
}

async function toEvent(command: RotationCommand, state: RotationState): Promise<RotationEvent> {
  if (command.type === "reactivate-old") return { type: "reactivate-old" };
  if (command.type !== "confirm-locations") return command;
  const oldKeyId = "oldKeyId" in state ? state.oldKeyId : null;
  const locations = oldKeyId ? await listLocations({ accessKeyId: oldKeyId }) : [];
  return { type: "confirm-locations", locationIds: locations.map((l) => l.id), acknowledgeNoLocations: command.acknowledgeNoLocations };
}

/** The rotation an action acts on, read once: it names the audit target and feeds `advanceRotation`. */
export async function loadRotation(rotationId: string): Promise<KeyRotationRecord> {
  const rotation = await getRotation(rotationId);
  if (!rotation) throw new KeyrotateError("not-found", "No such rotation.");
  if (rotation.kind !== "key") throw new KeyrotateError("not-found", "That is an SES SMTP user rotation: continue it on its own page.");
  return rotation;
}

export async function advanceRotation(
  input: { rotation: KeyRotationRecord; version?: number; command: RotationCommand; actor: Actor },
  deps: RotationDeps = defaultDeps,
): Promise<AdvanceOutcome> {
  let rotation = input.rotation;
  if (input.version !== undefined && input.version !== rotation.version) {
    throw new KeyrotateError("conflict", "This rotation changed since you loaded the page. The page now shows where it stands.");
  }
  await assertMayChangeKeysIn(rotation.accountId, input.actor);
  const live = await readLiveUser(deps, rotation.accountId, rotation.userName, input.actor.name);
  await assertManaged({ accountId: rotation.accountId, userName: rotation.userName, path: live.user.path, tags: live.user.tags });
  let ctx: RulesContext = { now: deps.now(), role: input.actor.role, keys: live.keys, config: rulesConfig() };
  const event = await toEvent(input.command, rotation.state);
  const decided = transition(rotation.state, event, ctx);
  if (!decided.ok) refused(decided);
  const claimed = rotation;
  rotation = await saveRotationState(rotation, decided.state);
  const outcome: AdvanceOutcome = { rotation, audit: decided.audit, notice: decided.notice, warnings: [] };

  // Once IAM has changed, nothing is thrown: the person gets what IAM did (the secret included) and a
  // warning for each bookkeeping step that failed after it. Reconciliation puts the records right.
  let iamChanged = false;
  const warn = (what: string, error: unknown) => {
    console.error(`rotation ${rotation.id}: ${what}`, error);
    outcome.warnings.push(`${what}: ${userMessageOf(error)}`);
  };
  for (const effect of decided.effects) {
    let follow: Awaited<ReturnType<typeof applyEffect>>;
    try {
      follow = await applyEffect(effect, rotation, live, input.actor, deps, outcome);
    } catch (error) {
      if (iamChanged) {
        warn("IAM made the first change, but the next one failed; the rotation stays at its step", error);
        break;
      }
      // IAM refused before anything changed there: put the step back, so the rotation never claims what IAM
      // does not show (an "inactive" old key that is still Active).
      await putBack(rotation, claimed.state, input.actor, error);
      throw error;
    }
    if (changesIam(effect)) iamChanged = true;
    if (effect.type === "create-key" && outcome.secret) await auditNewKey(rotation, outcome.secret.accessKeyId, input.actor, warn);
    if (!follow) continue;
    try {
      ctx = { ...ctx, now: deps.now(), keys: follow.keys ?? ctx.keys };
      const next = transition(rotation.state, follow.event, ctx);
      if (!next.ok) refused(next);
      rotation = await saveRotationState(rotation, next.state);
      outcome.audit += ` ${next.audit}`;
    } catch (error) {
      if (!iamChanged) throw error;
      warn("IAM made the change, but the rotation could not record it (reconcile shows the true step)", error);
      break;
    }
  }
  try {
    await afterEvent(event, rotation, input.actor);
  } catch (error) {
    if (!iamChanged) throw error;
    warn("the locations could not be updated", error);
  }
  const stores = { actor: input.actor, access: deps.stores(input.actor.name), warn };
  if (outcome.secret && rotation.state.step === "distribute") {
    const wrote = await writeStores({ ...stores, rotation, ctx: () => ({ ...ctx, now: deps.now() }) }, outcome.secret);
    rotation = wrote.rotation;
    outcome.stores = wrote.results;
    withholdSecretIfNoOneNeedsIt(outcome, rotation);
  }
  if (input.command.type === "reactivate-old" && input.command.restoreStores && rotation.state.step !== "old-inactive") {
    outcome.stores = await restoreStores({ ...stores, rotation });
  }
  // The dashboard shows what IAM now says: read the user's keys again only when IAM changed.
  if (iamChanged) await refreshLiveUser(deps, live).catch((error: unknown) => warn("keyrotate could not read the user again (sync to refresh)", error));
  return { ...outcome, rotation };
}

/** Shown once only when a person must put it somewhere: every location was written by keyrotate otherwise. */
function withholdSecretIfNoOneNeedsIt(outcome: AdvanceOutcome, rotation: KeyRotationRecord): void {
  const state = rotation.state;
  if (state.step !== "distribute" || state.checklist.length === 0 || !state.checklist.every((item) => item.written)) return;
  delete outcome.secret;
  outcome.notice = `${outcome.notice ? `${outcome.notice} ` : ""}keyrotate wrote the new key into every location itself: the secret is not shown.`;
}

/** Puts a claimed step back after IAM refused; a failure to do even that is logged and audited, never swallowed. */
async function putBack(rotation: KeyRotationRecord, state: RotationState, actor: Actor, cause: unknown): Promise<void> {
  try {
    await saveRotationState(rotation, state);
  } catch (error) {
    console.error(`rotation ${rotation.id}: IAM refused (${userMessageOf(cause)}) and the step could not be put back`, error);
    await appendAudit({
      ...auditActor(actor),
      action: "rotation.rollback-failed",
      accountId: rotation.accountId,
      userName: rotation.userName,
      accessKeyId: rotation.oldKeyId,
      result: "error",
      message: `IAM refused the step (${userMessageOf(cause)}), and putting the rotation back at ${state.step} failed: ${userMessageOf(error)}`,
    }).catch((e: unknown) => console.error("could not audit a failed rollback", e));
  }
}

/** The new key's existence, on the record in a step of its own, before anything else can fail. */
async function auditNewKey(rotation: KeyRotationRecord, accessKeyId: string, actor: Actor, warn: (what: string, e: unknown) => void): Promise<void> {
  await appendAudit({
    ...auditActor(actor),
    action: "rotation.key-created",
    accountId: rotation.accountId,
    userName: rotation.userName,
    accessKeyId,
    input: { rotationId: rotation.id, oldKeyId: rotation.oldKeyId },
    result: "ok",
    message: `IAM created key ${accessKeyId} for ${rotation.userName} (rotation of ${rotation.oldKeyId}).`,
  }).catch((error: unknown) => warn(`the new key ${accessKeyId} could not be written to the audit trail`, error));
}

const changesIam = (effect: Effect) => effect.type !== "notify";

async function applyEffect(
  effect: Effect,
  rotation: KeyRotationRecord,
  live: LiveUser,
  actor: Actor,
  deps: RotationDeps,
  outcome: AdvanceOutcome,
): Promise<{ event: RotationEvent; keys?: RulesContext["keys"] } | null> {
  const { iam, user } = live;
  switch (effect.type) {
    case "create-key": {
      const created = await iam.createAccessKey(user.userName);
      outcome.secret = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, userName: user.userName };
      const keys = [...live.keys, { accessKeyId: created.accessKeyId, status: created.status, createDate: created.createDate, lastUsedDate: null }];
      return { event: { type: "key-created", accessKeyId: created.accessKeyId, createDate: created.createDate }, keys };
    }
    case "set-key-status":
      await iam.setAccessKeyStatus(user.userName, effect.accessKeyId, effect.status);
      return null;
    case "delete-key":
      await iam.deleteAccessKey(user.userName, effect.accessKeyId);
      return null;
    case "notify": {
      const sent = await tellSecondLine(
        deps,
        { actor: actor.name, what: effect.what, accountId: rotation.accountId, userName: user.userName, accessKeyId: effect.accessKeyId },
        rotation.iamUserId,
      );
      if (effect.what === "delete") return null; // informational: the rules already allowed it
      if (!sent.ok) outcome.notice = `${sent.detail} Retry, or proceed without it by giving a reason.`;
      return { event: sent.ok ? { type: "notified", ok: true } : { type: "notified", ok: false, detail: sent.detail } };
    }
  }
}

async function afterEvent(event: RotationEvent, rotation: KeyRotationRecord, actor: Actor): Promise<void> {
  if (event.type === "mark-location-updated") {
    await recordLocationUpdate(rotation.id, event.locationId, event.note ?? null, actor.name);
  } else if (event.type === "unmark-location-updated") {
    await removeLocationUpdate(rotation.id, event.locationId);
  } else if (event.type === "finish-distribution" && rotation.oldKeyId && rotation.newKeyId) {
    // Every location now holds the new key: the registry follows.
    await moveLocationsToKey(rotation.oldKeyId, rotation.newKeyId, actor.name);
  }
}

/**
 * Writes the new key into one store location again after a failed write. keyrotate keeps no copy of the
 * secret, so the person gives it (it was shown to them once because this location needed a human).
 */
export async function retryStoreWrite(
  input: { rotation: KeyRotationRecord; locationId: string; secretAccessKey: string; actor: Actor },
  deps: RotationDeps = defaultDeps,
): Promise<AdvanceOutcome> {
  const { rotation, actor } = input;
  await assertMayChangeKeysIn(rotation.accountId, actor);
  const state = rotation.state;
  if (state.step !== "distribute") throw new KeyrotateError("rule-violation", `A store can be written again only while locations are being updated; this rotation is at "${state.step}".`);
  const item = state.checklist.find((i) => i.locationId === input.locationId);
  if (!item) throw new KeyrotateError("rule-violation", "That location is not on this rotation's checklist. Reload the page.");
  if (item.written) throw new KeyrotateError("rule-violation", "keyrotate already wrote the new key there.");
  const outcome: AdvanceOutcome = { rotation, audit: "", warnings: [] };
  const warn = (what: string, error: unknown) => {
    console.error(`rotation ${rotation.id}: ${what}`, error);
    outcome.warnings.push(`${what}: ${userMessageOf(error)}`);
  };
  const ctx = (): RulesContext => ({ now: deps.now(), role: actor.role, keys: [], config: rulesConfig() });
  const wrote = await writeStores(
    { rotation, actor, access: deps.stores(actor.name), warn, ctx },
    { accessKeyId: state.newKeyId, secretAccessKey: input.secretAccessKey },
    [input.locationId],
  );
  const [result] = wrote.results;
  if (!result) throw new KeyrotateError("invalid-input", "keyrotate does not write that kind of location itself: tick it once you updated it.");
  outcome.audit = result.ok ? `keyrotate wrote the new key into ${result.label} (version ${result.versionId}).` : `keyrotate could not write ${result.label}: ${result.reason}`;
  return { ...outcome, rotation: wrote.rotation, stores: wrote.results };
}
