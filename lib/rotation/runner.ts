import "server-only";
// Applies the rules' decisions: loads live facts, asks lib/rotation/rules, claims the step in the
// database (compare-and-swap) BEFORE touching IAM, then runs the effects in order.
import { KeyrotateError } from "../errors.ts";
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
import { defaultDeps, readLiveUser, refreshLiveUser, rulesConfig, tellSecondLine, type LiveUser, type RotationDeps } from "./context.ts";
import { startRotation, transition, type Effect, type RotationEvent, type RotationState, type RulesContext } from "./rules/index.ts";

export type AdvanceOutcome = {
  rotation: KeyRotationRecord;
  audit: string;
  notice?: string;
  /** Present once, right after the new key is created; never stored anywhere. */
  secret?: NewSecret;
};

/** What a person can ask for; the runner fills in what the rules need from the database. */
export type RotationCommand =
  | Exclude<RotationEvent, { type: "confirm-locations" } | { type: "key-created" } | { type: "notified" }>
  | { type: "confirm-locations"; acknowledgeNoLocations?: boolean };

function refused(result: { ok: false; message: string; code: string }): never {
  throw new KeyrotateError("rule-violation", result.message);
}

export async function beginRotation(
  input: { accountId: string; userName: string; actor: Actor },
  deps: RotationDeps = defaultDeps,
): Promise<AdvanceOutcome> {
  const { iamUserId, keys, user } = await readLiveUser(deps, input.accountId, input.userName);
  await assertManaged({ accountId: input.accountId, userName: input.userName, path: user.path, tags: user.tags });
  const started = startRotation({ now: deps.now(), role: input.actor.role, keys });
  if (!started.ok) refused(started);
  const rotation = await createRotation({
    accountId: input.accountId,
    iamUserId,
    userName: input.userName,
    state: started.state,
    startedBy: input.actor.name,
  });
  return { rotation, audit: started.audit };
}

async function toEvent(command: RotationCommand, state: RotationState): Promise<RotationEvent> {
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
  const live = await readLiveUser(deps, rotation.accountId, rotation.userName);
  await assertManaged({ accountId: rotation.accountId, userName: rotation.userName, path: live.user.path, tags: live.user.tags });
  let ctx: RulesContext = { now: deps.now(), role: input.actor.role, keys: live.keys, config: rulesConfig() };
  const event = await toEvent(input.command, rotation.state);
  const decided = transition(rotation.state, event, ctx);
  if (!decided.ok) refused(decided);
  const claimed = rotation;
  rotation = await saveRotationState(rotation, decided.state);
  const outcome: AdvanceOutcome = { rotation, audit: decided.audit, notice: decided.notice };

  let applied = 0;
  try {
    for (const effect of decided.effects) {
      const follow = await applyEffect(effect, rotation, live, input.actor, deps, outcome);
      applied++;
      if (!follow) continue;
      ctx = { ...ctx, now: deps.now(), keys: follow.keys ?? ctx.keys };
      const next = transition(rotation.state, follow.event, ctx);
      if (!next.ok) refused(next);
      rotation = await saveRotationState(rotation, next.state);
      outcome.audit += ` ${next.audit}`;
    }
  } catch (error) {
    // IAM refused before anything changed there: put the step back, so the rotation never claims
    // what IAM does not show (an "inactive" old key that is still Active).
    if (applied === 0) await saveRotationState(rotation, claimed.state).catch(() => {});
    throw error;
  }
  await afterEvent(event, rotation, input.actor);
  // The dashboard shows what IAM now says: read the user's keys again only when IAM changed.
  if (decided.effects.some(changesIam)) await refreshLiveUser(deps, live);
  return { ...outcome, rotation };
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
