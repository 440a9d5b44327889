// Exemptions: an admin's "this flag does not apply to this key (or to every key of this user) until a
// date". Pure: the exemptions and `now` are passed. An exempted flag is not raised, but the key carries
// the exemption, so every view shows it as exempt instead of hiding it.
import type { Flag } from "./flags.ts";

export type ExemptionRecord = {
  id: string;
  accountId: string;
  userName: string;
  /** Null: every key of the user. */
  accessKeyId: string | null;
  flag: Flag;
  reason: string;
  expiresAt: Date;
  createdBy: string;
  endedAt: Date | null;
};

/** How a key's exemption travels in a row (JSON, the API, the table). */
export type KeyExemption = { flag: Flag; scope: "key" | "user"; reason: string; expiresAt: string; createdBy: string };

type KeyRef = { accountId: string; userName: string; accessKeyId: string };

export const inForce = (e: Pick<ExemptionRecord, "expiresAt" | "endedAt">, now: Date) => e.endedAt === null && e.expiresAt.getTime() > now.getTime();

/** The exemptions in force that cover a key: its own, and its user's. */
export function exemptionsOf(key: KeyRef, all: ExemptionRecord[], now: Date): KeyExemption[] {
  return all
    .filter((e) => inForce(e, now) && e.accountId === key.accountId && e.userName === key.userName && (e.accessKeyId === null || e.accessKeyId === key.accessKeyId))
    .map((e) => ({ flag: e.flag, scope: e.accessKeyId ? "key" : "user", reason: e.reason, expiresAt: e.expiresAt.toISOString(), createdBy: e.createdBy }));
}

/** The flags still raised once the key's exemptions are applied. */
export function withoutExempted(flags: Flag[], exemptions: Pick<KeyExemption, "flag">[]): Flag[] {
  return flags.filter((f) => !exemptions.some((e) => e.flag === f));
}

/** Looks up the exemptions of many keys: one pass over the (few) exemptions in force. */
export function exemptionIndex(all: ExemptionRecord[], now: Date): (key: KeyRef) => KeyExemption[] {
  const byUser = new Map<string, ExemptionRecord[]>();
  for (const e of all.filter((x) => inForce(x, now))) {
    const user = `${e.accountId}/${e.userName}`;
    byUser.set(user, [...(byUser.get(user) ?? []), e]);
  }
  return (key) => exemptionsOf(key, byUser.get(`${key.accountId}/${key.userName}`) ?? [], now);
}
