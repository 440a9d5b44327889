import "server-only";
// Applies the SMTP user rotation rules' decisions, like runner.ts does for keys: reads both users from
// IAM, asks lib/rotation/rules/smtp, claims the step in the database (compare-and-swap) BEFORE touching
// IAM, then runs the effects in order, saving each follow-up the runner reports (a created user, a
// created key, each deletion IAM confirms) as it happens, so a restart resumes where IAM stands.
import { appendAudit } from "../db/audit.ts";
import { listLocations, moveLocationsToUser } from "../db/locations.ts";
import { recordLocationUpdate, removeLocationUpdate } from "../db/rotations.ts";
import { createSmtpRotation, getSmtpRotation, saveSmtpRotationState, type SmtpRotationRecord } from "../db/smtp-rotations.ts";
import { markUserDeleted } from "../db/users.ts";
import { KeyrotateError } from "../errors.ts";
import { describeDeletionStep } from "../iam/user-permissions.ts";
import { isSmtpUserFromConfig } from "../inventory/smtp-users.ts";
import type { Actor } from "../auth/roles.ts";
import { assertManaged } from "../auth/scope-config.ts";
import { readLiveUser, refreshLiveUser, tellSecondLine } from "./context.ts";
import { smtpTransition, startSmtpRotation, type SmtpEffect, type SmtpFacts, type SmtpRotationEvent } from "./rules/smtp.ts";
import {
  assertBothManaged,
  copySummary,
  defaultSmtpDeps,
  readBothUsers,
  readUserIfAny,
  smtpCredentials,
  smtpFacts,
  smtpSnapshots,
  type SmtpCredentials,
  type SmtpDeps,
  type SmtpLive,
} from "./smtp-context.ts";

export type SmtpAdvanceOutcome = {
  rotation: SmtpRotationRecord;
  audit: string;
  notice?: string;
  /** Present once, right after the new key is created; never stored anywhere. */
  credentials?: SmtpCredentials;
};

/** What a person can ask for; the runner fills in the rest from the database and IAM. */
export type SmtpRotationCommand =
  | Exclude<SmtpRotationEvent, { type: "confirm-locations" | "user-created" | "key-created" | "notified" | "removal-step" }>
  | { type: "confirm-locations"; acknowledgeNoLocations?: boolean };

function refused(result: { ok: false; message: string }): never {
  throw new KeyrotateError("rule-violation", result.message);
}

export async function beginSmtpRotation(
  input: { accountId: string; userName: string; actor: Actor },
  deps: SmtpDeps = defaultSmtpDeps,
): Promise<SmtpAdvanceOutcome> {
  const live = await readLiveUser(deps, input.accountId, input.userName);
  await assertManaged({ accountId: input.accountId, userName: input.userName, path: live.user.path, tags: live.user.tags });
  if (!isSmtpUserFromConfig(live.user)) {
    throw new KeyrotateError(
      "rule-violation",
      `${input.userName} is not an SES SMTP user by keyrotate's configuration (KEYROTATE_SMTP_USER_*): rotate its key instead.`,
    );
  }
  const started = startSmtpRotation({ now: deps.now(), role: input.actor.role, userName: input.userName, keys: smtpSnapshots(live.user) });
  if (!started.ok) refused(started);
  const rotation = await createSmtpRotation({ ...input, iamUserId: live.iamUserId, state: started.state, startedBy: input.actor.name });
  return { rotation, audit: started.audit };
}

/** The rotation an action acts on, read once: it names the audit target and feeds `advanceSmtpRotation`. */
export async function loadSmtpRotation(rotationId: string): Promise<SmtpRotationRecord> {
  const rotation = await getSmtpRotation(rotationId);
  if (!rotation) throw new KeyrotateError("not-found", "No such SES SMTP user rotation.");
  return rotation;
}

async function toEvent(command: SmtpRotationCommand, rotation: SmtpRotationRecord): Promise<SmtpRotationEvent> {
  if (command.type !== "confirm-locations") return command;
  const locations = await listLocations({ iamUserId: rotation.iamUserId });
  return { type: "confirm-locations", locationIds: locations.map((l) => l.id), acknowledgeNoLocations: command.acknowledgeNoLocations };
}

/** One advance in progress: the record as last saved, the facts, and what the person will be told. */
type Run = {
  rotation: SmtpRotationRecord;
  facts: SmtpFacts;
  live: SmtpLive;
  outcome: SmtpAdvanceOutcome;
  actor: Actor;
  deps: SmtpDeps;
};

/** Applies an event the runner itself reports (a user or key created, a deletion done) and saves it at once. */
async function follow(run: Run, event: SmtpRotationEvent, newUserLock?: { iamUserId: string; userName: string }): Promise<void> {
  run.facts = { ...run.facts, now: run.deps.now() };
  const next = smtpTransition(run.rotation.state, event, run.facts);
  if (!next.ok) refused(next);
  run.rotation = await saveSmtpRotationState(run.rotation, next.state, { newUserLock });
  if (next.audit) run.outcome.audit += ` ${next.audit}`;
}

export async function advanceSmtpRotation(
  input: { rotation: SmtpRotationRecord; version?: number; command: SmtpRotationCommand; actor: Actor },
  deps: SmtpDeps = defaultSmtpDeps,
): Promise<SmtpAdvanceOutcome> {
  if (input.version !== undefined && input.version !== input.rotation.version) {
    throw new KeyrotateError("conflict", "This rotation changed since you loaded the page. The page now shows where it stands.");
  }
  const live = await readBothUsers(deps, input.rotation);
  await assertBothManaged(input.rotation, live);
  const facts = smtpFacts(live, input.actor.role, deps.now());
  const event = await toEvent(input.command, input.rotation);
  const decided = smtpTransition(input.rotation.state, event, facts);
  if (!decided.ok) refused(decided);
  for (const effect of decided.effects) {
    // The new user must be one keyrotate may manage before it is created.
    if (effect.type === "create-user" && live.old) {
      await assertManaged({ accountId: input.rotation.accountId, userName: effect.userName, path: live.old.user.path, tags: live.old.user.tags });
    }
  }
  const claimed = input.rotation;
  const run: Run = { rotation: await saveSmtpRotationState(claimed, decided.state), facts, live, outcome: { rotation: claimed, audit: decided.audit, notice: decided.notice }, actor: input.actor, deps };

  let applied = 0;
  try {
    for (const effect of decided.effects) {
      await applyEffect(effect, run);
      applied++;
    }
  } catch (error) {
    // IAM refused before anything changed there, on a step that moved on: put it back, so the rotation
    // never claims what IAM does not show. A step that stays (create user, create key) keeps its request.
    if (applied === 0 && claimed.step !== decided.state.step) await saveSmtpRotationState(run.rotation, claimed.state).catch(() => {});
    throw error;
  }
  await afterEvent(event, run);
  if (decided.effects.some((e) => e.type === "set-key-status" || e.type === "delete-key" || e.type === "create-key")) {
    await Promise.all([run.live.old, run.live.fresh].map((l) => l && refreshLiveUser(deps, l)));
  }
  return { ...run.outcome, rotation: run.rotation };
}

async function applyEffect(effect: SmtpEffect, run: Run): Promise<void> {
  const { deps, rotation } = run;
  const { accountId } = rotation;
  switch (effect.type) {
    case "create-user": {
      const permissions = await deps.userPermissions(accountId);
      const like = await permissions.describeUser(effect.like);
      // Tolerates its own unfinished copy: a crash after CreateUser resumes here.
      const made = await permissions.createUserLike(effect.userName, like);
      const fresh = await readLiveUser(deps, accountId, effect.userName);
      run.live = { ...run.live, fresh };
      run.facts = { ...run.facts, newKeys: smtpSnapshots(fresh.user) };
      await follow(run, { type: "user-created", userName: effect.userName, copied: copySummary(like, made.created) }, { iamUserId: fresh.iamUserId, userName: effect.userName });
      return;
    }
    case "set-key-status":
      await (await deps.iam(accountId)).setAccessKeyStatus(effect.userName, effect.accessKeyId, effect.status);
      return;
    case "delete-key":
      await (await deps.iam(accountId)).deleteAccessKey(effect.userName, effect.accessKeyId);
      return;
    case "create-key": {
      const created = await (await deps.iam(accountId)).createAccessKey(effect.userName);
      run.outcome.credentials = smtpCredentials({ iamUserName: effect.userName, accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, region: effect.region });
      await follow(run, { type: "key-created", accessKeyId: created.accessKeyId, createDate: created.createDate });
      return;
    }
    case "notify": {
      const state = rotation.state;
      // The locations, and so the environments 2nd line hears about, move to the new user at distribution.
      const owner = run.rotation.newUserLock ?? rotation.iamUserId;
      const notice = { actor: run.actor.name, what: effect.what, accountId, userName: state.oldUserName, accessKeyId: effect.accessKeyId };
      const sent = await tellSecondLine(deps, notice, owner);
      if (effect.what === "delete") return; // informational: the rules already allowed the removal
      if (!sent.ok) run.outcome.notice = `${sent.detail} Retry, or proceed without it by giving a reason.`;
      await follow(run, sent.ok ? { type: "notified", ok: true } : { type: "notified", ok: false, detail: sent.detail });
      return;
    }
    case "delete-user":
      await removeUser(effect.userName, run);
      return;
  }
}

/** Deletes the old user in IAM's order, saving and auditing every step as IAM confirms it. */
async function removeUser(userName: string, run: Run): Promise<void> {
  const permissions = await run.deps.userPermissions(run.rotation.accountId);
  await permissions.deleteUserCompletely(userName, {
    onStep: async (result) => {
      await follow(run, { type: "removal-step", result });
      const { actor } = run;
      await appendAudit({
        actor: actor.name,
        actorId: actor.subject ?? null,
        actorRole: actor.role,
        requestId: actor.requestId ?? null,
        action: `smtp-rotation.removal.${result.step.kind}`,
        accountId: run.rotation.accountId,
        userName,
        accessKeyId: "accessKeyId" in result.step ? result.step.accessKeyId : run.rotation.oldKeyId,
        input: { rotationId: run.rotation.id },
        result: "ok",
        message: `${describeDeletionStep(result.step, userName)}: ${result.outcome === "done" ? "done" : "already gone"}.`,
      });
    },
  });
  run.live = { ...run.live, old: await readUserIfAny(run.deps, run.rotation.accountId, userName) };
}

async function afterEvent(event: SmtpRotationEvent, run: Run): Promise<void> {
  const { rotation, actor } = run;
  const state = rotation.state;
  if (event.type === "mark-location-updated") {
    await recordLocationUpdate(rotation.id, event.locationId, event.note ?? null, actor.name);
  } else if (event.type === "unmark-location-updated") {
    await removeLocationUpdate(rotation.id, event.locationId);
  } else if (event.type === "finish-distribution" && rotation.newUserLock && "newKeyId" in state && state.newKeyId) {
    // Every location now holds the new user's key: the registry follows.
    await moveLocationsToUser(rotation.iamUserId, { iamUserId: rotation.newUserLock, accessKeyId: state.newKeyId }, actor.name);
  } else if (state.step === "done" && !run.live.old) {
    await markUserDeleted(rotation.iamUserId, run.deps.now());
  }
}
