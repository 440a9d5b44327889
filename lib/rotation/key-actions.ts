import "server-only";
// The dashboard's one-click key actions, outside a guided rotation. The same guards as the rules
// module decide; a key whose user is mid-rotation is left to the rotation. One action per user at a time
// (a lease), and the key's status is read again right before the change: the 2nd-line notice alone can take
// seconds, and someone may have flipped the key meanwhile.
import { KeyrotateError, userMessageOf } from "../errors.ts";
import { findKey, type StoredKey } from "../db/keys.ts";
import { findActiveRotation } from "../db/rotations.ts";
import type { Actor } from "../auth/roles.ts";
import { assertManaged } from "../auth/scope-config.ts";
import { assertMayChangeKeysIn } from "../accounts/registry.ts";
import type { KeyStatus } from "../iam/types.ts";
import { withUserLease } from "./user-lease.ts";
import { defaultDeps, readLiveUser, refreshLiveUser, rulesConfig, tellSecondLine, type LiveUser, type RotationDeps } from "./context.ts";
import { checkDeactivateKey, checkDeleteKey, checkReactivateKey, type GuardResult } from "./rules/index.ts";

export type KeyActionOutcome = { message: string };

/** The stored key an action acts on, read once: it names the audit target and feeds the action. */
export async function loadKey(accessKeyId: string): Promise<StoredKey> {
  const key = await findKey(accessKeyId);
  if (!key) throw new KeyrotateError("not-found", `No live key ${accessKeyId}. Sync to refresh.`);
  return key;
}

function enforce(guard: GuardResult): { overrideReason?: string } {
  if (!guard.ok) throw new KeyrotateError("rule-violation", guard.message);
  return { overrideReason: guard.overrideReason };
}

async function keyContext(stored: StoredKey, actor: Actor, deps: RotationDeps) {
  // The database answers these before IAM is asked anything; IAM's own facts are checked again below.
  await assertMayChangeKeysIn(stored.accountId, actor);
  await assertManaged({ accountId: stored.accountId, userName: stored.userName, path: stored.userPath, tags: stored.userTags });
  if (await findActiveRotation(stored.iamUserId)) {
    throw new KeyrotateError("conflict", `${stored.userName} is mid-rotation: act on this key from the rotation page.`);
  }
  const live = await readLiveUser(deps, stored.accountId, stored.userName, actor.name);
  await assertManaged({ accountId: stored.accountId, userName: stored.userName, path: live.user.path, tags: live.user.tags });
  const key = live.keys.find((k) => k.accessKeyId === stored.accessKeyId);
  if (!key) throw new KeyrotateError("iam-no-such-entity", `IAM no longer has key ${stored.accessKeyId}.`);
  return { live, key, others: live.keys.filter((k) => k !== key) };
}

/** Posts the 2nd-line notice; a failure stops the action unless the person confirmed going on without it. */
async function noticeFirst(
  what: "deactivate" | "delete",
  stored: StoredKey,
  live: LiveUser,
  actor: Actor,
  proceedWithoutNotice: boolean,
  deps: RotationDeps,
): Promise<string> {
  const { accountId, accountName, userName, accessKeyId } = stored;
  const sent = await tellSecondLine(deps, { actor: actor.name, what, accountId, accountName, userName, accessKeyId }, live.iamUserId);
  if (sent.ok) return "2nd line notified.";
  if (!proceedWithoutNotice) {
    throw new KeyrotateError("notification-failed", `${sent.detail} Retry, or confirm that you proceed without notifying 2nd line.`);
  }
  return `Proceeded WITHOUT notifying 2nd line (${sent.detail}).`;
}

/** Right before the change: the key must still be as the guard saw it. */
async function assertStillStatus(live: LiveUser, accessKeyId: string, expected: KeyStatus): Promise<void> {
  const now = (await live.iam.listAccessKeys(live.user.userName)).find((k) => k.accessKeyId === accessKeyId);
  if (!now) throw new KeyrotateError("conflict", `Key ${accessKeyId} disappeared from IAM meanwhile: nothing was changed.`);
  if (now.status !== expected) {
    throw new KeyrotateError("conflict", `Key ${accessKeyId} became ${now.status} meanwhile (someone else changed it): nothing was changed. Reload and decide again.`);
  }
}

/** IAM made the change: whatever fails after that is a warning on the outcome, never a failure. */
async function afterChange(deps: RotationDeps, live: LiveUser, message: string): Promise<KeyActionOutcome> {
  try {
    await refreshLiveUser(deps, live);
    return { message };
  } catch (error) {
    console.error("refresh after a key change failed", error);
    return { message: `${message} (IAM made the change, but keyrotate could not read the user again: ${userMessageOf(error)} Sync to refresh the page.)` };
  }
}

type KeyActionInput = { key: StoredKey; actor: Actor };

export async function deactivateKey(
  input: KeyActionInput & { overrideReason?: string; proceedWithoutNotice?: boolean },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  return withUserLease(stored.accountId, stored.userName, async () => {
    const ctx = await keyContext(stored, actor, deps);
    const guard = enforce(
      checkDeactivateKey({ key: ctx.key, otherKeys: ctx.others, role: actor.role, overrideReason: input.overrideReason, config: rulesConfig(), now: deps.now() }),
    );
    const notice = await noticeFirst("deactivate", stored, ctx.live, actor, !!input.proceedWithoutNotice, deps);
    await assertStillStatus(ctx.live, stored.accessKeyId, "Active");
    await ctx.live.iam.setAccessKeyStatus(stored.userName, stored.accessKeyId, "Inactive");
    const override = guard.overrideReason ? ` Admin override: ${guard.overrideReason}` : "";
    return afterChange(deps, ctx.live, `Key ${stored.accessKeyId} is now Inactive. ${notice}${override}`);
  });
}

export async function reactivateKey(input: KeyActionInput, deps: RotationDeps = defaultDeps): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  return withUserLease(stored.accountId, stored.userName, async () => {
    const ctx = await keyContext(stored, actor, deps);
    enforce(checkReactivateKey(ctx.key));
    await ctx.live.iam.setAccessKeyStatus(stored.userName, stored.accessKeyId, "Active");
    return afterChange(deps, ctx.live, `Key ${stored.accessKeyId} is Active again.`);
  });
}

export async function deleteKey(
  input: KeyActionInput & { proceedWithoutNotice?: boolean; overrideReason?: string },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  return withUserLease(stored.accountId, stored.userName, async () => {
    const ctx = await keyContext(stored, actor, deps);
    // The person decided on the key as the page showed it: one switched off meanwhile (by a colleague's click
    // a second ago, or in the console) has had no inactive period to speak of, so they look again first.
    if (ctx.key.status !== stored.status) {
      throw new KeyrotateError("conflict", `Key ${stored.accessKeyId} became ${ctx.key.status} meanwhile (someone else changed it): nothing was changed. Reload and decide again.`);
    }
    // Facts from IAM, not from keyrotate's own log: since when the key is Inactive, as keyrotate saw it.
    const guard = enforce(
      checkDeleteKey({ key: ctx.key, config: rulesConfig(), now: deps.now(), deactivatedAt: stored.inactiveSince, role: actor.role, overrideReason: input.overrideReason }),
    );
    const notice = await noticeFirst("delete", stored, ctx.live, actor, !!input.proceedWithoutNotice, deps);
    await assertStillStatus(ctx.live, stored.accessKeyId, "Inactive");
    await ctx.live.iam.deleteAccessKey(stored.userName, stored.accessKeyId);
    const override = guard.overrideReason ? ` Admin override: ${guard.overrideReason}` : "";
    return afterChange(deps, ctx.live, `Key ${stored.accessKeyId} is deleted. ${notice}${override}`);
  });
}
