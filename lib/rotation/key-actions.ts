import "server-only";
// The dashboard's one-click key actions, outside a guided rotation. The same guards as the rules
// module decide; a key whose user is mid-rotation is left to the rotation.
import { KeyrotateError } from "../errors.ts";
import { findKey } from "../db/keys.ts";
import { findActiveRotation } from "../db/rotations.ts";
import { lastDeactivation } from "../db/audit.ts";
import type { Actor } from "../auth/roles.ts";
import { defaultDeps, liveUser, rulesConfig, tellSecondLine, type RotationDeps } from "./context.ts";
import { checkCreateKey, checkDeactivateKey, checkDeleteKey, checkReactivateKey, type GuardResult, type KeySnapshot } from "./rules/index.ts";
import type { NewSecret } from "./runner.ts";

/** What an action did, and to whom: the audit record names the account and user as well as the key. */
export type KeyActionOutcome = { message: string; target: { accountId: string; userName: string; accessKeyId: string } };

const targetOf = (ctx: Awaited<ReturnType<typeof keyContext>>) => ({
  accountId: ctx.stored.accountId,
  userName: ctx.stored.userName,
  accessKeyId: ctx.stored.accessKeyId,
});

function enforce(guard: GuardResult): { overrideReason?: string } {
  if (!guard.ok) throw new KeyrotateError("rule-violation", guard.message);
  return { overrideReason: guard.overrideReason };
}

async function keyContext(accessKeyId: string, deps: RotationDeps) {
  const stored = await findKey(accessKeyId);
  if (!stored) throw new KeyrotateError("not-found", `No live key ${accessKeyId}. Sync to refresh.`);
  const live = await liveUser(deps, stored.accountId, stored.userName);
  if (await findActiveRotation(live.iamUserId)) {
    throw new KeyrotateError("conflict", `${stored.userName} is mid-rotation: act on this key from the rotation page.`);
  }
  const key = live.keys.find((k) => k.accessKeyId === accessKeyId);
  if (!key) throw new KeyrotateError("iam-no-such-entity", `IAM no longer has key ${accessKeyId}.`);
  return { stored, live, key, others: live.keys.filter((k) => k !== key) };
}

export async function createKeyForUser(
  input: { accountId: string; userName: string; actor: Actor },
  deps: RotationDeps = defaultDeps,
): Promise<NewSecret> {
  const live = await liveUser(deps, input.accountId, input.userName);
  enforce(checkCreateKey(live.keys));
  const created = await live.iam.createAccessKey(input.userName);
  await liveUser(deps, input.accountId, input.userName);
  return { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, userName: input.userName };
}

/** Posts the 2nd-line notice; a failure stops the action unless the person confirmed going on without it. */
async function noticeFirst(
  what: "deactivate" | "delete",
  ctx: Awaited<ReturnType<typeof keyContext>>,
  actor: Actor,
  proceedWithoutNotice: boolean,
  deps: RotationDeps,
): Promise<string> {
  const sent = await tellSecondLine(
    deps,
    { actor: actor.name, what, ...targetOf(ctx), accountName: ctx.stored.accountName },
    ctx.live.iamUserId,
  );
  if (sent.ok) return "2nd line notified.";
  if (!proceedWithoutNotice) {
    throw new KeyrotateError("notification-failed", `${sent.detail} Retry, or confirm that you proceed without notifying 2nd line.`);
  }
  return `Proceeded WITHOUT notifying 2nd line (${sent.detail}).`;
}

export async function deactivateKey(
  input: { accessKeyId: string; actor: Actor; overrideReason?: string; proceedWithoutNotice?: boolean },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const ctx = await keyContext(input.accessKeyId, deps);
  const guard = enforce(
    checkDeactivateKey({ key: ctx.key, otherKeys: ctx.others, role: input.actor.role, overrideReason: input.overrideReason, config: rulesConfig(), now: deps.now() }),
  );
  const notice = await noticeFirst("deactivate", ctx, input.actor, !!input.proceedWithoutNotice, deps);
  await ctx.live.iam.setAccessKeyStatus(ctx.stored.userName, input.accessKeyId, "Inactive");
  await liveUser(deps, ctx.stored.accountId, ctx.stored.userName);
  const override = guard.overrideReason ? ` Admin override: ${guard.overrideReason}` : "";
  return { message: `Key ${input.accessKeyId} is now Inactive. ${notice}${override}`, target: targetOf(ctx) };
}

export async function reactivateKey(input: { accessKeyId: string; actor: Actor }, deps: RotationDeps = defaultDeps): Promise<KeyActionOutcome> {
  const ctx = await keyContext(input.accessKeyId, deps);
  enforce(checkReactivateKey(ctx.key));
  await ctx.live.iam.setAccessKeyStatus(ctx.stored.userName, input.accessKeyId, "Active");
  await liveUser(deps, ctx.stored.accountId, ctx.stored.userName);
  return { message: `Key ${input.accessKeyId} is Active again.`, target: targetOf(ctx) };
}

export async function deleteKey(
  input: { accessKeyId: string; actor: Actor; proceedWithoutNotice?: boolean },
  deps: RotationDeps = defaultDeps,
): Promise<KeyActionOutcome> {
  const ctx = await keyContext(input.accessKeyId, deps);
  const deactivatedAt = (await lastDeactivation(input.accessKeyId)) ?? undefined;
  enforce(checkDeleteKey({ key: ctx.key as KeySnapshot, config: rulesConfig(), now: deps.now(), deactivatedAt }));
  const notice = await noticeFirst("delete", ctx, input.actor, !!input.proceedWithoutNotice, deps);
  await ctx.live.iam.deleteAccessKey(ctx.stored.userName, input.accessKeyId);
  await liveUser(deps, ctx.stored.accountId, ctx.stored.userName);
  return { message: `Key ${input.accessKeyId} is deleted. ${notice}`, target: targetOf(ctx) };
}
