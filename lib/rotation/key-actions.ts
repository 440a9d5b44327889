import "server-only";
// The dashboard's one-click key actions, outside a guided rotation. The same guards as the rules
// module decide; a key whose user is mid-rotation is left to the rotation.
import { KeyrotateError } from "../errors.ts";
import { findKey, type StoredKey } from "../db/keys.ts";
import { findActiveRotation } from "../db/rotations.ts";
import { lastDeactivation } from "../db/audit.ts";
import type { Actor } from "../auth/roles.ts";
import { assertManaged } from "../auth/scope-config.ts";
import { assertMayChangeKeysIn } from "../accounts/registry.ts";
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

type KeyActionInput = { key: StoredKey; actor: Actor };

export async function deactivateKey(
  input: KeyActionInput & { overrideReason?: string; proceedWithoutNotice?: boolean },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  const ctx = await keyContext(stored, actor, deps);
  const guard = enforce(
    checkDeactivateKey({ key: ctx.key, otherKeys: ctx.others, role: actor.role, overrideReason: input.overrideReason, config: rulesConfig(), now: deps.now() }),
  );
  const notice = await noticeFirst("deactivate", stored, ctx.live, actor, !!input.proceedWithoutNotice, deps);
  await ctx.live.iam.setAccessKeyStatus(stored.userName, stored.accessKeyId, "Inactive");
  await refreshLiveUser(deps, ctx.live);
  const override = guard.overrideReason ? ` Admin override: ${guard.overrideReason}` : "";
  return { message: `Key ${stored.accessKeyId} is now Inactive. ${notice}${override}` };
}

export async function reactivateKey(input: KeyActionInput, deps: RotationDeps = defaultDeps): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  const ctx = await keyContext(stored, actor, deps);
  enforce(checkReactivateKey(ctx.key));
  await ctx.live.iam.setAccessKeyStatus(stored.userName, stored.accessKeyId, "Active");
  await refreshLiveUser(deps, ctx.live);
  return { message: `Key ${stored.accessKeyId} is Active again.` };
}

export async function deleteKey(
  input: KeyActionInput & { proceedWithoutNotice?: boolean },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const { key: stored, actor } = input;
  const ctx = await keyContext(stored, actor, deps);
  const deactivatedAt = (await lastDeactivation(stored.accessKeyId)) ?? undefined;
  enforce(checkDeleteKey({ key: ctx.key, config: rulesConfig(), now: deps.now(), deactivatedAt }));
  const notice = await noticeFirst("delete", stored, ctx.live, actor, !!input.proceedWithoutNotice, deps);
  await ctx.live.iam.deleteAccessKey(stored.userName, stored.accessKeyId);
  await refreshLiveUser(deps, ctx.live);
  return { message: `Key ${stored.accessKeyId} is deleted. ${notice}` };
}
