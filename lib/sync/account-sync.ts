import "server-only";
// One account's sync, reading only what changed. The credential report (2 calls for the whole account)
// says, per user, which key slots exist, their status and last use; ListUsers (1 call per 1,000 users)
// names every user, including those created after the report. Only a user whose slots disagree with what
// the database holds is read key by key (ListAccessKeys), and GetAccessKeyLastUsed is called only where the
// report cannot answer: a key whose last use moved when the report lacks the service (moto never fills it;
// AWS does), and the keys of a rotation in progress, which must be live.
import pLimit from "p-limit";
import type { SyncCounts } from "../db/inventory.ts";
import { saveUsers } from "../db/save-users.ts";
import { KeyrotateError } from "../errors.ts";
import { listActiveRotations } from "../db/rotations.ts";
import { loadAccountState, markAccountSeen, markUsersGone, saveLastUsed, type StoredKeyFacts, type StoredUserFacts } from "../db/sync-state.ts";
import { lastUsedFromSlot, matchReportSlots, type CredentialReportRow, type KeySlot } from "../iam/credential-report.ts";
import type { IamAccessKey, IamGateway, IamUser, KeyLastUsed } from "../iam/index.ts";

export type SyncProgress = { phase: "credential report" | "users" | "saving"; usersDone: number; usersTotal: number };

export type AccountSyncResult = SyncCounts & { reportGeneratedAt: Date; iamCalls: number };

/**
 * `tags`: "required" when the scope or telling SES SMTP users apart depends on them (a denied read fails the
 * sync, as any IAM error does); "if-allowed" when only owners do (a role without iam:ListUserTags still
 * syncs, and owners then come from the dashboard alone).
 */
export type TagReading = "required" | "if-allowed";
type Options = { concurrency: number; tags: TagReading; onProgress: (p: SyncProgress) => void };

/** What a user's keys are now, decided from the report when it can vouch, from IAM otherwise. */
type UserOutcome =
  | { kind: "unchanged"; lastUsed: { accessKeyId: string; used: KeyLastUsed }[] }
  | { kind: "changed"; keys: (IamAccessKey & { lastUsed: KeyLastUsed })[]; tags: IamUserTags };

type IamUserTags = { key: string; value: string }[] | null;

const sameUse = (a: KeyLastUsed, k: StoredKeyFacts) =>
  (a.lastUsedDate?.getTime() ?? null) === (k.lastUsedDate?.getTime() ?? null) && a.service === k.lastUsedService && a.region === k.lastUsedRegion;

const asUse = (k: StoredKeyFacts): KeyLastUsed => ({ lastUsedDate: k.lastUsedDate, service: k.lastUsedService, region: k.lastUsedRegion });

export async function syncAccount(iam: IamGateway, accountId: string, startedAt: Date, opts: Options): Promise<AccountSyncResult> {
  opts.onProgress({ phase: "credential report", usersDone: 0, usersTotal: 0 });
  const [report, iamUsers, stored, rotations] = await Promise.all([
    iam.credentialReport(),
    iam.listUsers(),
    loadAccountState(accountId),
    listActiveRotations(),
  ]);
  const rows = new Map(report.rows.map((r) => [r.userName, r]));
  const live = new Set(rotations.filter((r) => r.accountId === accountId).flatMap((r) => [r.oldKeyId, r.newKeyId]).filter(Boolean) as string[]);
  const counts: SyncCounts = { usersSeen: iamUsers.length, keysSeen: 0, keysAdded: 0, keysDeleted: 0 };
  let done = 0;
  const progress = () => opts.onProgress({ phase: "users", usersDone: done, usersTotal: iamUsers.length });
  progress();

  // IAM first, many users at once; then the database, in bulk and only what changed (SQLite syncs the file at
  // every commit, so a write per user would make a first sync of thousands of users crawl).
  const limit = pLimit(opts.concurrency);
  const outcomes = await Promise.all(
    iamUsers.map((user) =>
      limit(async () => {
        const outcome = await readUser(iam, user, stored.get(user.userName), rows.get(user.userName), live, opts.tags);
        done++;
        progress();
        return { user, outcome };
      }),
    ),
  );
  opts.onProgress({ phase: "saving", usersDone: done, usersTotal: iamUsers.length });
  const seenAt = new Date();
  const changed = [];
  for (const { user, outcome } of outcomes) {
    if (outcome.kind === "unchanged") {
      counts.keysSeen += stored.get(user.userName)!.keys.length;
      for (const { accessKeyId, used } of outcome.lastUsed) await saveLastUsed(accessKeyId, used);
    } else {
      counts.keysSeen += outcome.keys.length;
      changed.push({ ...user, tags: outcome.tags, keys: outcome.keys });
    }
  }
  const saved = await saveUsers(accountId, changed, seenAt, { startedAt });
  counts.keysAdded += saved.keysAdded;
  counts.keysDeleted += saved.keysDeleted;

  const listed = new Set(iamUsers.map((u) => u.userName));
  const gone = [...stored.values()].filter((u) => !listed.has(u.userName)).map((u) => u.id);
  counts.keysDeleted += await markUsersGone(accountId, gone, new Date());
  await markAccountSeen(accountId, new Date());
  return { ...counts, reportGeneratedAt: report.generatedTime, iamCalls: iam.calls() };
}

async function readUser(
  iam: IamGateway,
  user: IamUser,
  stored: StoredUserFacts | undefined,
  row: CredentialReportRow | undefined,
  live: Set<string>,
  tagReading: TagReading,
): Promise<UserOutcome> {
  // A user the report vouches for whose keys keyrotate already holds: no per-user call at all, unless a key's
  // last use moved without the report saying where (or the key is mid-rotation).
  if (stored && row && stored.userId === user.userId) {
    const match = matchReportSlots(row, stored.keys);
    if (match.kind === "same") {
      const lastUsed: { accessKeyId: string; used: KeyLastUsed }[] = [];
      for (const { accessKeyId, slot } of match.keys) {
        const key = stored.keys.find((k) => k.accessKeyId === accessKeyId)!;
        const used = await lastUseOf(iam, key, slot, live.has(accessKeyId));
        if (!sameUse(used, key)) lastUsed.push({ accessKeyId, used });
      }
      return { kind: "unchanged", lastUsed };
    }
  }
  // New user, a slot created, deleted or flipped, or a match the report cannot make: read the keys.
  const keys = await iam.listAccessKeys(user.userName);
  const again = row ? matchReportSlots(row, keys) : null;
  const slotOf = (id: string) => (again?.kind === "same" ? again.keys.find((k) => k.accessKeyId === id)?.slot : undefined);
  const withUse = [];
  for (const k of keys) {
    const known = stored?.keys.find((s) => s.accessKeyId === k.accessKeyId);
    const slot = slotOf(k.accessKeyId);
    const used = slot && !live.has(k.accessKeyId) ? await lastUseOf(iam, known, slot, false, k.accessKeyId) : await iam.getAccessKeyLastUsed(k.accessKeyId);
    withUse.push({ ...k, lastUsed: used });
  }
  // Tags name owners (KEYROTATE_OWNER_TAG) and may decide scope: read with the keys of every user read again.
  const tags = await readTags(iam, user.userName, tagReading);
  return { kind: "changed", keys: withUse, tags };
}

/** A user's tags; null (unknown: the stored ones are kept) when only owners need them and IAM denies the read. */
async function readTags(iam: IamGateway, userName: string, reading: TagReading) {
  try {
    return await iam.listUserTags(userName);
  } catch (error) {
    if (reading === "if-allowed" && error instanceof KeyrotateError && error.code === "iam-access-denied") return null;
    throw error;
  }
}

/**
 * A key's last use from its report slot. The report is the newer word only when its date is later than
 * what keyrotate holds (a live refresh may be fresher than a report AWS reuses for up to 4 hours). IAM is
 * asked for the key alone only when that date moved since the last sync and the report lacks the service
 * and region (AWS fills them; moto says not_supported). A key seen for the first time has moved from
 * nothing: it takes the report's word when that word is complete, and asks IAM for the service otherwise
 * (on-call reads "s3 · eu-west-2" to know what a key is for).
 */
async function lastUseOf(iam: IamGateway, key: StoredKeyFacts | undefined, slot: KeySlot, mustBeLive: boolean, id = key?.accessKeyId): Promise<KeyLastUsed> {
  if (mustBeLive) return iam.getAccessKeyLastUsed(id!);
  const fromReport = lastUsedFromSlot(slot);
  const asReported = { lastUsedDate: fromReport.lastUsedDate, service: fromReport.service, region: fromReport.region };
  if (!key) return fromReport.complete ? asReported : iam.getAccessKeyLastUsed(id!);
  const held = asUse(key);
  const newer = fromReport.lastUsedDate !== null && (held.lastUsedDate === null || fromReport.lastUsedDate > held.lastUsedDate);
  if (!newer) return held;
  return fromReport.complete ? asReported : iam.getAccessKeyLastUsed(id!);
}
