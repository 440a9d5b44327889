import "server-only";
// What a successful sync leaves for the charts: the account's compliance figures, and the last use of the
// keys of rotations in progress. Bookkeeping after IAM was read: a failure here is a warning, never the sync's.
import { accountCompliance, recordComplianceSnapshot } from "../db/compliance.ts";
import { listKeysOfUser } from "../db/keys.ts";
import { recordKeyUsage } from "../db/key-usage.ts";
import { listActiveRotations } from "../db/rotations.ts";
import { thresholds } from "../env.ts";

export async function recordSyncHistory(accountId: string, at: Date): Promise<void> {
  try {
    await recordComplianceSnapshot(accountId, at, await accountCompliance(accountId, at, thresholds()));
  } catch (error) {
    console.warn(`compliance snapshot of ${accountId} not recorded`, error);
  }
  try {
    const rotations = (await listActiveRotations()).filter((r) => r.accountId === accountId);
    for (const r of rotations) {
      const ids = new Set([r.oldKeyId, r.newKeyId].filter(Boolean));
      const keys = (await listKeysOfUser(accountId, r.userName)).filter((k) => ids.has(k.accessKeyId));
      await recordKeyUsage(keys.map((k) => ({ accountId, accessKeyId: k.accessKeyId, lastUsedDate: k.lastUsedDate })), at);
    }
  } catch (error) {
    console.warn(`last use of rotating keys in ${accountId} not recorded`, error);
  }
}
