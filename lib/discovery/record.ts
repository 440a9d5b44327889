import "server-only";
// Discovery against the inventory: which found ids are keys keyrotate knows, and recording each place a
// known key was found as a `secrets-repo` location. Only ids and names reach here, never values.
import { listKeyOwners, type KeyOwnerRecord } from "../db/keys.ts";
import { createLocation, listLocations } from "../db/locations.ts";
import { KeyrotateError } from "../errors.ts";
import { locationFieldsSchema, locationInputSchema, type LocationInput } from "../locations/schema.ts";
import { describeOccurrences, type Finding } from "./findings.ts";
import type { Occurrence } from "./scan.ts";

export type DiscoveryPlace = { system: string; environment: string };
export type RecordCounts = { created: number; alreadyRecorded: number };

const placeSchema = locationFieldsSchema.pick({ system: true, environment: true });

/** Checks --system and --environment by the registry's own rules (environment lowercased). */
export function parseDiscoveryPlace(raw: { system?: string; environment?: string }): DiscoveryPlace {
  const parsed = placeSchema.safeParse(raw);
  if (!parsed.success) throw new KeyrotateError("invalid-input", `${parsed.error.issues[0].message}.`);
  return parsed.data;
}

export async function lookUpOccurrences(occurrences: Occurrence[]): Promise<Finding[]> {
  return describeOccurrences(occurrences, await listKeyOwners());
}

type Planned = { owner: KeyOwnerRecord; input: LocationInput };

const identity = (iamUserId: string, l: { kind: string; system: string; environment: string; identifier: string }) =>
  JSON.stringify([iamUserId, l.kind, l.system, l.environment, l.identifier]);

/** One location per distinct (user, identifier) among the known keys; every name checked before any write. */
function plan(occurrences: Occurrence[], owners: KeyOwnerRecord[], place: DiscoveryPlace): Planned[] {
  const byKey = new Map(owners.map((o) => [o.accessKeyId, o]));
  const planned = new Map<string, Planned>();
  for (const o of occurrences) {
    const owner = byKey.get(o.accessKeyId);
    if (!owner) continue;
    const parsed = locationInputSchema.safeParse({ kind: "secrets-repo", ...place, identifier: o.identifier, notes: null });
    if (!parsed.success) {
      throw new KeyrotateError("invalid-input", `Cannot record the name at ${o.file}:${o.line}: ${parsed.error.issues[0].message}. Nothing was recorded.`);
    }
    const key = identity(owner.iamUserId, parsed.data);
    if (!planned.has(key)) planned.set(key, { owner, input: parsed.data });
  }
  return [...planned.values()];
}

/**
 * Adds each place a known key was found as a `secrets-repo` location in `place`. Idempotent: a location
 * already recorded for the user (same kind, system, environment and identifier) is counted, not touched,
 * so notes and confirmations people added stay as they are.
 */
export async function recordDiscoveredLocations(occurrences: Occurrence[], place: DiscoveryPlace, actor: string): Promise<RecordCounts> {
  const planned = plan(occurrences, await listKeyOwners(), place);
  const existing = new Set<string>();
  for (const iamUserId of new Set(planned.map((p) => p.owner.iamUserId))) {
    for (const l of await listLocations({ iamUserId })) existing.add(identity(iamUserId, l));
  }
  const counts: RecordCounts = { created: 0, alreadyRecorded: 0 };
  for (const { owner, input } of planned) {
    if (existing.has(identity(owner.iamUserId, input))) {
      counts.alreadyRecorded++;
      continue;
    }
    try {
      await createLocation({ accountId: owner.accountId, iamUserId: owner.iamUserId, accessKeyId: owner.accessKeyId }, input, actor);
      counts.created++;
    } catch (error) {
      // Someone recorded the same place since we looked: it is recorded, which is all we wanted.
      if (error instanceof KeyrotateError && error.code === "conflict") counts.alreadyRecorded++;
      else throw error;
    }
  }
  return counts;
}
