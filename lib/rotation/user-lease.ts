import "server-only";
// One change to a user's keys at a time, across every process sharing the database: direct key actions and
// the start of a rotation hold the user's lease (a rotation then holds the user itself, see Rotation.activeLock).
import { randomUUID } from "node:crypto";
import { acquireLease, holderName, releaseLease } from "../db/leases.ts";
import { KeyrotateError } from "../errors.ts";

// Longer than an action takes (a webhook with retries is the slow part); a crashed holder lets it lapse.
const USER_LEASE_MS = 2 * 60_000;

/** Runs `body` holding the user's lease: a second action on the same user's keys (or a rotation starting) is refused meanwhile. */
export async function withUserLease<T>(accountId: string, userName: string, body: () => Promise<T>, busy?: string): Promise<T> {
  const name = `user:${accountId}:${userName}`;
  const holder = holderName(randomUUID());
  if (!(await acquireLease(name, holder, USER_LEASE_MS)).acquired) {
    throw new KeyrotateError("conflict", busy ?? `Someone else is changing ${userName}'s keys right now. Try again in a moment.`);
  }
  try {
    return await body();
  } finally {
    await releaseLease(name, holder).catch((error: unknown) => console.error("could not release a user lease", error));
  }
}

