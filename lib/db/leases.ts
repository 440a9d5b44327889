import "server-only";
// Named leases: one holder at a time across every process sharing the database. Taking a lease is one
// conditional write, so two instances racing for it cannot both win; a crashed holder's lease lapses.
import { hostname } from "node:os";
import { db } from "./client.ts";

export type Lease = { name: string; holder: string; acquiredAt: Date; expiresAt: Date };

/** A holder name that says where it runs: `host:pid:random`, so a restart on the same host can tell a dead holder. */
export function holderName(random: string): string {
  return `${hostname()}:${process.pid}:${random}`;
}

/** The holder was a process on this host that no longer runs (killed, crashed): its lease is void at once. */
function holderIsDead(holder: string): boolean {
  const [host, pid] = holder.split(":");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "") || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Takes `name` for `holder` until now + ttl, unless someone else holds it unexpired. Returns the current holder's lease. */
export async function acquireLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<{ acquired: boolean; lease: Lease }> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const current = await db().lease.findUnique({ where: { name } });
  const dead = current && current.holder !== holder && holderIsDead(current.holder) ? current.holder : null;
  // A lapsed lease (or a dead holder's) is taken over by a conditional update; a missing one by an insert that only one racer wins.
  const takeover = await db().lease.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }, ...(dead ? [{ holder: dead }] : [])] },
    data: { holder, acquiredAt: now, expiresAt },
  });
  if (takeover.count === 1) return { acquired: true, lease: { name, holder, acquiredAt: now, expiresAt } };
  try {
    const lease = await db().lease.create({ data: { name, holder, acquiredAt: now, expiresAt } });
    return { acquired: true, lease };
  } catch (error) {
    if ((error as { code?: string })?.code !== "P2002") throw error;
    const lease = await db().lease.findUnique({ where: { name } });
    if (!lease) return acquireLease(name, holder, ttlMs, now);
    return { acquired: false, lease };
  }
}

/** Gives the lease back, if `holder` still holds it. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await db().lease.deleteMany({ where: { name, holder } });
}
