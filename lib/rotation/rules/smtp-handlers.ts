// SMTP user rotation, from the start to the distribution of the new credentials: one handler per step.
import { KeyrotateError } from "../../errors.ts";
import { isSesSmtpRegion } from "../../iam/ses-smtp-regions.ts";
import { nextSmtpUserName } from "../../iam/smtp-user-names.ts";
import { formatTime } from "./key-guards.ts";
import { orphanKeysGuard, refuseSmtp } from "./smtp-guards.ts";
import { checklistIncomplete, confirmedAudit, confirmedLocationIds, tickLocation, unknownLocation } from "./locations.ts";
import { SMTP_STEP_EVENTS, smtpStepLabel } from "./smtp-steps.ts";
import { accepted, notAllowedMessage } from "./transition.ts";
import type {
  SmtpEffect,
  SmtpFacts,
  SmtpKeySnapshot,
  SmtpRefusal,
  SmtpRotationEvent,
  SmtpRotationState,
  SmtpStartResult,
  SmtpStateOf,
  SmtpTransitionResult,
} from "./smtp-types.ts";

export const smtpOk = accepted<SmtpRotationState, SmtpEffect>;

export function smtpNotAllowed(state: SmtpRotationState, event: SmtpRotationEvent): SmtpRefusal {
  return refuseSmtp("not-allowed-in-step", notAllowedMessage(event.type, smtpStepLabel(state.step), SMTP_STEP_EVENTS[state.step]));
}

/** The name the old user is re-created under today, or the reason it cannot be. */
export function plannedUserName(oldUserName: string, now: Date): { ok: true; userName: string } | SmtpRefusal {
  try {
    return { ok: true, userName: nextSmtpUserName(oldUserName, now) };
  } catch (error) {
    if (error instanceof KeyrotateError) return refuseSmtp("new-user-name-taken", error.userMessage);
    throw error;
  }
}

export function startSmtpRotation(input: {
  now: Date;
  role: SmtpFacts["role"];
  userName: string;
  keys: SmtpKeySnapshot[];
}): SmtpStartResult {
  const { now, role, userName, keys } = input;
  if (role === "viewer") return refuseSmtp("viewer-read-only", "You have view-only access. Ask a rotator or an admin to do this.");
  if (keys.length === 0) {
    return refuseSmtp("no-keys", `${userName} has no access key, so it holds no SMTP credentials to replace.`);
  }
  const planned = plannedUserName(userName, now);
  if (!planned.ok) return planned;
  const used = keys.filter((k) => k.lastUsedDate !== null);
  const lastUse = used.length ? ` last used ${formatTime(new Date(Math.max(...used.map((k) => k.lastUsedDate!.getTime()))))}` : " never used";
  return {
    ok: true,
    state: { step: "confirm-locations", startedAt: now, oldUserName: userName, oldKeyIds: keys.map((k) => k.accessKeyId) },
    audit: `SMTP user rotation started: ${userName} (key ${keys.map((k) => k.accessKeyId).join(", ")},${lastUse}) will be re-created as ${planned.userName}.`,
  };
}

export function smtpConfirmLocations(state: SmtpStateOf<"confirm-locations">, event: SmtpRotationEvent): SmtpTransitionResult {
  if (event.type !== "confirm-locations") return smtpNotAllowed(state, event);
  const confirmed = confirmedLocationIds(
    event,
    `No locations are recorded for ${state.oldUserName}. Record every application that sends mail with it first, or, if ` +
      "it really is used nowhere, confirm that explicitly. A location you miss stops sending mail when the old user goes.",
  );
  if (!confirmed.ok) return confirmed;
  const { locationIds } = confirmed;
  return smtpOk({ ...state, step: "create-user", locationIds, newUserName: null, createRequestedAt: null }, [], confirmedAudit(locationIds, state.oldUserName));
}

export function smtpCreateUser(state: SmtpStateOf<"create-user">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (event.type === "create-user") {
    // A retry keeps the name first chosen: the user may already exist from the interrupted attempt.
    const planned = state.newUserName ? { ok: true as const, userName: state.newUserName } : plannedUserName(state.oldUserName, facts.now);
    if (!planned.ok) return planned;
    const retry = state.createRequestedAt !== null;
    return smtpOk(
      { ...state, newUserName: planned.userName, createRequestedAt: facts.now },
      [{ type: "create-user", userName: planned.userName, like: state.oldUserName }],
      `${retry ? "Resumed creating" : "Creating"} ${planned.userName} with the permissions of ${state.oldUserName}.`,
    );
  }
  if (event.type !== "user-created") return smtpNotAllowed(state, event);
  if (state.createRequestedAt === null || state.newUserName !== event.userName) {
    return refuseSmtp("not-allowed-in-step", `No creation of ${event.userName} was requested in this rotation. Use "Create new user".`);
  }
  const c = event.copied;
  const parts = [
    `path ${c.path}`,
    `${c.groups.length} group(s)${c.groups.length ? ` (${c.groups.join(", ")})` : ""}`,
    `${c.attachedPolicyArns.length} managed polic${c.attachedPolicyArns.length === 1 ? "y" : "ies"}`,
    `${c.inlinePolicyNames.length} inline polic${c.inlinePolicyNames.length === 1 ? "y" : "ies"}${c.inlinePolicyNames.length ? ` (${c.inlinePolicyNames.join(", ")})` : ""}`,
    `${c.tagKeys.length} tag(s)`,
    `permissions boundary ${c.permissionsBoundaryArn ?? "none"}`,
  ];
  return smtpOk(
    {
      step: "create-key",
      startedAt: state.startedAt,
      oldUserName: state.oldUserName,
      oldKeyIds: state.oldKeyIds,
      locationIds: state.locationIds,
      newUserName: event.userName,
      copied: c,
      region: null,
      createRequestedAt: null,
    },
    [],
    `${c.created ? "Created" : "Completed the interrupted copy"} ${event.userName} like ${state.oldUserName}: ${parts.join(", ")}.`,
  );
}

export function smtpCreateKey(state: SmtpStateOf<"create-key">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (event.type === "create-key") {
    if (!isSesSmtpRegion(event.region)) {
      return refuseSmtp("unknown-region", `SES has no SMTP endpoint in region "${event.region}": choose another region.`);
    }
    if (facts.newKeys === null) {
      return refuseSmtp(
        "new-user-missing",
        `IAM has no user ${state.newUserName} any more: it was deleted outside keyrotate. Cancel this rotation and start again.`,
      );
    }
    const guard = orphanKeysGuard(facts.newKeys, state.newUserName);
    if (!guard.ok) return guard;
    const orphans = facts.newKeys.flatMap((k): SmtpEffect[] => [
      ...(k.status === "Active" ? [{ type: "set-key-status" as const, userName: state.newUserName, accessKeyId: k.accessKeyId, status: "Inactive" as const }] : []),
      { type: "delete-key", userName: state.newUserName, accessKeyId: k.accessKeyId },
    ]);
    const replaced = facts.newKeys.map((k) => k.accessKeyId);
    return smtpOk(
      { ...state, region: event.region, createRequestedAt: facts.now },
      [...orphans, { type: "create-key", userName: state.newUserName, region: event.region }],
      (replaced.length ? `Deleted never-used key ${replaced.join(", ")} left by an interrupted attempt (its secret was never shown). ` : "") +
        `Requested SMTP credentials for ${state.newUserName} in ${event.region}.`,
    );
  }
  if (event.type !== "key-created") return smtpNotAllowed(state, event);
  if (state.createRequestedAt === null || state.region === null) {
    return refuseSmtp("not-allowed-in-step", 'No key creation was requested in this rotation yet. Use "Create SMTP credentials".');
  }
  const newKeyId = event.accessKeyId.trim();
  if (newKeyId === "" || state.oldKeyIds.includes(newKeyId) || Number.isNaN(event.createDate.getTime())) {
    return refuseSmtp("invalid-input", "The new key's id or creation date is missing or wrong. Check the new user's keys in IAM before retrying.");
  }
  return smtpOk(
    {
      step: "distribute",
      startedAt: state.startedAt,
      oldUserName: state.oldUserName,
      oldKeyIds: state.oldKeyIds,
      newUserName: state.newUserName,
      copied: state.copied,
      newKeyId,
      region: state.region,
      newKeyCreatedAt: event.createDate,
      checklist: state.locationIds.map((locationId) => ({ locationId, updatedAt: null, note: null })),
    },
    [],
    `Created key ${newKeyId} for ${state.newUserName}: its SES SMTP password for ${state.region} was shown once. ` +
      `${state.locationIds.length} location(s) to update.`,
  );
}

export function smtpDistribute(state: SmtpStateOf<"distribute">, event: SmtpRotationEvent, facts: SmtpFacts): SmtpTransitionResult {
  if (event.type === "mark-location-updated" || event.type === "unmark-location-updated") {
    const unknown = unknownLocation(state.checklist, event.locationId);
    if (unknown) return unknown;
    const { checklist, audit } = tickLocation(state.checklist, event, facts.now, "the new SMTP credentials");
    return smtpOk({ ...state, checklist }, [], audit);
  }
  if (event.type !== "finish-distribution") return smtpNotAllowed(state, event);
  const incomplete = checklistIncomplete(state.checklist, "the new SMTP credentials");
  if (incomplete) return incomplete;
  const { checklist: _done, newKeyCreatedAt: _created, ...rest } = state;
  return smtpOk(
    { ...rest, step: "verify-cutover", verifyStartedAt: facts.now },
    [],
    `All ${state.checklist.length} location(s) updated. Watching the cut-over from ${state.oldUserName} to ${state.newUserName}.`,
    "Make sure every updated application was redeployed: it keeps sending with the old user until it restarts.",
  );
}
