import "server-only";
// What the runner and the direct key actions share: live IAM facts, the configured rule timings,
// and the 2nd-line notice. Tests swap `deps` for fakes through one seam.
import { env } from "../env.ts";
import { iamFor } from "../accounts/registry.ts";
import type { IamGateway, IamUserWithKeys } from "../iam/index.ts";
import { saveUserKeys } from "../db/inventory.ts";
import { recordKeyUsage } from "../db/key-usage.ts";
import { listLocations } from "../db/locations.ts";
import { postKeyNotice, type KeyNotice, type NotifyOutcome } from "../notify/webhook.ts";
import { storeAccessFor } from "../distribute/writers.ts";
import type { StoreAccess } from "../distribute/writer.ts";
import type { KeySnapshot, RulesConfig } from "./rules/index.ts";

export type RotationDeps = {
  /** IAM verbs inside one account, for `who` (named in the STS session); refuses an account it cannot reach. */
  iam: (accountId: string, who?: string) => Promise<IamGateway>;
  notify: typeof postKeyNotice;
  now: () => Date;
  /** Secrets Manager and SSM per account and region, for `who`: where keyrotate writes new keys itself. */
  stores: (who: string) => StoreAccess;
};

export const defaultDeps: RotationDeps = { iam: iamFor, notify: postKeyNotice, now: () => new Date(), stores: storeAccessFor };

export function rulesConfig(): RulesConfig {
  return {
    quietWindowMs: env().KEYROTATE_QUIET_WINDOW_SECONDS * 1000,
    inactivePeriodMs: env().KEYROTATE_INACTIVE_PERIOD_SECONDS * 1000,
  };
}

function snapshots(user: IamUserWithKeys): KeySnapshot[] {
  return user.keys.map((k) => ({
    accessKeyId: k.accessKeyId,
    status: k.status,
    createDate: k.createDate,
    lastUsedDate: k.lastUsed.lastUsedDate,
  }));
}

/** One IAM user as IAM reports it now, with the gateway that read it. */
export type LiveUser = { accountId: string; iam: IamGateway; user: IamUserWithKeys; iamUserId: string; keys: KeySnapshot[] };

/** Reads the user from IAM now (the truth the rules decide on) and refreshes the stored copy. */
export async function readLiveUser(deps: RotationDeps, accountId: string, userName: string, who?: string): Promise<LiveUser> {
  const iam = await deps.iam(accountId, who);
  const user = await iam.getUserWithKeys(userName);
  const saved = await saveUserKeys(accountId, user, deps.now());
  // The rotation page draws both keys' last use over time from these; a lost sample is no reason to fail.
  await recordKeyUsage(
    user.keys.map((k) => ({ accountId, accessKeyId: k.accessKeyId, lastUsedDate: k.lastUsed.lastUsedDate })),
    deps.now(),
  ).catch((error: unknown) => console.warn("key last use not sampled", error));
  return { accountId, iam, user, iamUserId: saved.iamUserId, keys: snapshots(user) };
}

// Polling readers share one IAM read per user for this long: IAM throttles per account, and the account's
// CI and Terraform share that budget.
const LIVE_READ_REUSE_MS = 5_000;
const recentReads = new Map<string, { at: number; read: Promise<LiveUser> }>();

/** readLiveUser for pollers: a read younger than a few seconds (or still under way) is shared, not repeated. */
export function readLiveUserThrottled(deps: RotationDeps, accountId: string, userName: string): Promise<LiveUser> {
  const key = `${accountId}/${userName}`;
  const now = Date.now();
  const recent = recentReads.get(key);
  if (recent && now - recent.at < LIVE_READ_REUSE_MS) return recent.read;
  for (const [k, v] of recentReads) if (now - v.at >= LIVE_READ_REUSE_MS) recentReads.delete(k);
  const read = readLiveUser(deps, accountId, userName);
  recentReads.set(key, { at: now, read });
  read.catch(() => recentReads.delete(key));
  return read;
}

/** After a change, the user's keys again (its own facts did not change), so the dashboard shows what IAM now says. */
export async function refreshLiveUser(deps: RotationDeps, live: LiveUser): Promise<LiveUser> {
  const user = { ...live.user, keys: await live.iam.listAccessKeysWithUse(live.user.userName) };
  await saveUserKeys(live.accountId, user, deps.now());
  return { ...live, user, keys: snapshots(user) };
}

/** Tells 2nd line what is about to happen to a key, naming every environment the user's keys are used in. */
export async function tellSecondLine(
  deps: RotationDeps,
  notice: Omit<KeyNotice, "environments">,
  iamUserId: string,
): Promise<NotifyOutcome> {
  const locations = await listLocations({ iamUserId });
  return deps.notify({ ...notice, environments: [...new Set(locations.map((l) => l.environment))] });
}
