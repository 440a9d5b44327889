import "server-only";
// One change to a user's keys at a time, across every process sharing the database: direct key actions and
// the start of a rotation hold the user's lease (a rotation then holds the user itself, see Rotation.activeLock).
import { randomUUID } from "node:crypto";
import { acquireLease, holderName, releaseLease } from "../db/leases.ts";
import { KeyrotateError } from "../errors.ts";

// Longer than an action takes (a webhook with retries is the slow part); a crashed holder lets it lapse.
const USER_LEASE_MS = 2 * 60_000;
// Two clicks at the same moment: the second waits for the first (most actions take a second or two) and then
// decides on what IAM holds by then, instead of being refused for a change that may itself be refused.
const WAIT_MS = 5_000;
const RETRY_MS = 150;

/**
 * Runs `body` holding the user's lease: a second action on the same user's keys (or a rotation starting)
 * waits up to a few seconds for it, and is refused when the first one takes longer.
 */
export async function withUserLease<T>(accountId: string, userName: string, body: () => Promise<T>, busy?: string): Promise<T> {
  const name = `user:${accountId}:${userName}`;
  const holder = holderName(randomUUID());
  if (!(await acquireWithin(name, holder))) {
    throw new KeyrotateError("conflict", busy ?? `Someone else is changing ${userName}'s keys right now. Try again in a moment.`);
  }
  try {
    return await body();
  } finally {
    await releaseLease(name, holder).catch((error: unknown) => console.error("could not release a user lease", error));
  }
}

async function acquireWithin(name: string, holder: string): Promise<boolean> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    if ((await acquireLease(name, holder, USER_LEASE_MS)).acquired) return true;
    if (Date.now() >= until) return false;
    await new Promise((wake) => setTimeout(wake, RETRY_MS + Math.random() * RETRY_MS));
  }
}
