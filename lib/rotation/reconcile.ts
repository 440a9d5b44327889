import "server-only";
// Reconciliation: IAM compared with what keyrotate recorded, for every account. Rotations whose step IAM
// does not support are moved to the true step; a key a rotation created but never recorded (its secret was
// never shown) is made Inactive — and deleted when never used; keys IAM has that no sync or rotation
// recorded are reported. Run by `keyrotate reconcile`, at server start and after every sync.
import { iamFor, managedAccounts } from "../accounts/registry.ts";
import { appendAudit } from "../db/audit.ts";
import { findKey } from "../db/keys.ts";
import { listRotationsToReconcile, saveRotationState, type KeyRotationRecord } from "../db/rotations.ts";
import { loadAccountState } from "../db/sync-state.ts";
import { userMessageOf } from "../errors.ts";
import { slotHoldsKey } from "../iam/credential-report.ts";
import { defaultDeps, readLiveUser, refreshLiveUser, type RotationDeps } from "./context.ts";
import { reconcileRotation } from "./rules/index.ts";

export type Finding = {
  kind: "rotation-corrected" | "orphan-key" | "untracked-key" | "vanished-key" | "not-checked";
  accountId: string;
  userName?: string;
  accessKeyId?: string;
  rotationId?: string;
  message: string;
};

const ACTOR = { actor: "keyrotate reconcile", actorId: "reconcile", actorRole: "system" };
// Finished rotations are looked at this long afterwards: their last step might not have reached IAM.
const RECENTLY_DONE_MS = 24 * 3_600_000;

async function reconcileOne(rotation: KeyRotationRecord, deps: RotationDeps, now: Date): Promise<Finding[]> {
  const live = await readLiveUser(deps, rotation.accountId, rotation.userName, ACTOR.actor);
  const since = new Map<string, Date | null>();
  for (const k of live.keys) since.set(k.accessKeyId, (await findKey(k.accessKeyId))?.inactiveSince ?? null);
  const decided = reconcileRotation(rotation.state, live.keys, now, (id) => since.get(id) ?? null);
  if (!decided) return [];
  const findings: Finding[] = [];
  for (const effect of decided.effects) {
    if (effect.type !== "set-key-status" && effect.type !== "delete-key") continue;
    if (effect.type === "set-key-status") await live.iam.setAccessKeyStatus(rotation.userName, effect.accessKeyId, effect.status);
    else await live.iam.deleteAccessKey(rotation.userName, effect.accessKeyId);
    findings.push({ kind: "orphan-key", accountId: rotation.accountId, userName: rotation.userName, accessKeyId: effect.accessKeyId, rotationId: rotation.id, message: decided.reason });
  }
  if (decided.effects.length) await refreshLiveUser(deps, live);
  if (decided.state) {
    await saveRotationState(rotation, decided.state);
    findings.push({ kind: "rotation-corrected", accountId: rotation.accountId, userName: rotation.userName, accessKeyId: rotation.oldKeyId ?? undefined, rotationId: rotation.id, message: `${rotation.step} → ${decided.state.step}: ${decided.reason}` });
  }
  for (const f of findings) {
    await appendAudit({ ...ACTOR, action: `reconcile.${f.kind}`, accountId: f.accountId, userName: f.userName, accessKeyId: f.accessKeyId, result: "ok", message: f.message });
  }
  return [...new Map(findings.map((f) => [`${f.kind}${f.accessKeyId}`, f])).values()];
}

/** Every rotation in progress (or just finished) against IAM. */
export async function reconcileRotations(deps: RotationDeps = defaultDeps, now = new Date()): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rotation of await listRotationsToReconcile(new Date(now.getTime() - RECENTLY_DONE_MS))) {
    // An SES SMTP user rotation records each IAM step as IAM confirms it and resumes by itself.
    if (rotation.kind !== "key") continue;
    try {
      findings.push(...(await reconcileOne(rotation, deps, now)));
    } catch (error) {
      findings.push({ kind: "not-checked", accountId: rotation.accountId, userName: rotation.userName, rotationId: rotation.id, message: `Could not reconcile: ${userMessageOf(error)}` });
    }
  }
  return findings;
}

/** Keys IAM has that keyrotate never recorded, and recorded keys IAM no longer has: from the credential report, a few calls per account. */
export async function reconcileKeys(): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const account of await managedAccounts()) {
    try {
      const iam = await iamFor(account.id, ACTOR.actor);
      const [report, stored] = await Promise.all([iam.credentialReport(), loadAccountState(account.id)]);
      for (const row of report.rows) {
        const held = stored.get(row.userName)?.keys ?? [];
        if (row.keys.filter(slotHoldsKey).length === held.length) continue;
        const inIam = await iam.listAccessKeys(row.userName);
        for (const k of inIam.filter((k) => !held.some((h) => h.accessKeyId === k.accessKeyId))) {
          findings.push({ kind: "untracked-key", accountId: account.id, userName: row.userName, accessKeyId: k.accessKeyId, message: `IAM has key ${k.accessKeyId} of ${row.userName}, which keyrotate has not recorded (created outside keyrotate since the last sync?). The next sync records it.` });
        }
        for (const h of held.filter((h) => !inIam.some((k) => k.accessKeyId === h.accessKeyId))) {
          findings.push({ kind: "vanished-key", accountId: account.id, userName: row.userName, accessKeyId: h.accessKeyId, message: `keyrotate records key ${h.accessKeyId} of ${row.userName}, which IAM no longer has. The next sync marks it deleted.` });
        }
      }
    } catch (error) {
      findings.push({ kind: "not-checked", accountId: account.id, message: `Could not compare ${account.name ?? account.id} with IAM: ${userMessageOf(error)}` });
    }
  }
  return findings;
}

export async function reconcile(opts: { keys: boolean } = { keys: true }): Promise<Finding[]> {
  const rotations = await reconcileRotations();
  return opts.keys ? [...rotations, ...(await reconcileKeys())] : rotations;
}
