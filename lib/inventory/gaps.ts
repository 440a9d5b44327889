// Where the registry disagrees with the latest discovery of a system: a key found in the files under a
// name nobody recorded, or a recorded secrets-repo location the files no longer hold. Pure: the runs,
// locations and key owners are passed in.
export const GAP_KINDS = ["not-recorded", "not-found"] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const GAP_INFO: Record<GapKind, { label: string; explanation: string }> = {
  "not-recorded": { label: "Found, not recorded", explanation: "The latest discovery found the key here, but no location records it: record it." },
  "not-found": { label: "Recorded, not found", explanation: "Recorded here, but the latest discovery did not find it: check, then remove or correct it." },
};

/** Only `secrets-repo` locations are compared: discovery reads files, it cannot see the other kinds. */
export const DISCOVERABLE_KIND = "secrets-repo";

export type GapRun = {
  system: string;
  environment: string;
  at: Date;
  occurrences: { accessKeyId: string; identifier: string; file: string; line: number }[];
};
export type GapLocation = { id: string; accountId: string; iamUserId: string; userName: string; accessKeyId: string | null; kind: string; system: string; environment: string; identifier: string };
export type GapOwner = { accountId: string; iamUserId: string; userName: string; accessKeyId: string };

export type Gap = {
  kind: GapKind;
  accountId: string;
  iamUserId: string;
  userName: string;
  /** The key found in the files, or the one the location is recorded against. */
  accessKeyId: string | null;
  system: string;
  environment: string;
  identifier: string;
  /** Where the key was found (not-recorded only). */
  file: string | null;
  line: number | null;
  /** The location that was not found (not-found only). */
  locationId: string | null;
  /** When the discovery compared against ran. */
  discoveredAt: Date;
};

const placeOf = (x: { system: string; environment: string }) => JSON.stringify([x.system, x.environment]);
const nameOf = (iamUserId: string, identifier: string) => JSON.stringify([iamUserId, identifier]);

export function computeGaps(runs: GapRun[], locations: GapLocation[], owners: GapOwner[]): Gap[] {
  const byKey = new Map(owners.map((o) => [o.accessKeyId, o]));
  const recorded = new Map<string, Set<string>>();
  for (const l of locations) {
    if (l.kind !== DISCOVERABLE_KIND) continue;
    const place = placeOf(l);
    if (!recorded.has(place)) recorded.set(place, new Set());
    recorded.get(place)!.add(nameOf(l.iamUserId, l.identifier));
  }
  const gaps: Gap[] = [];
  const runByPlace = new Map(runs.map((r) => [placeOf(r), r]));
  for (const run of runs) {
    const names = recorded.get(placeOf(run)) ?? new Set<string>();
    const reported = new Set<string>();
    for (const o of run.occurrences) {
      const owner = byKey.get(o.accessKeyId);
      if (!owner) continue; // an id keyrotate does not know belongs to no key it could flag
      const name = nameOf(owner.iamUserId, o.identifier);
      if (names.has(name) || reported.has(name)) continue;
      reported.add(name);
      gaps.push({ kind: "not-recorded", ...owner, system: run.system, environment: run.environment, identifier: o.identifier, file: o.file, line: o.line, locationId: null, discoveredAt: run.at });
    }
  }
  for (const l of locations) {
    const run = l.kind === DISCOVERABLE_KIND ? runByPlace.get(placeOf(l)) : undefined;
    if (!run) continue; // never discovered there: nothing to compare with
    const found = run.occurrences.some((o) => byKey.get(o.accessKeyId)?.iamUserId === l.iamUserId && o.identifier === l.identifier);
    if (found) continue;
    gaps.push({
      kind: "not-found", accountId: l.accountId, iamUserId: l.iamUserId, userName: l.userName, accessKeyId: l.accessKeyId,
      system: l.system, environment: l.environment, identifier: l.identifier, file: null, line: null, locationId: l.id, discoveredAt: run.at,
    });
  }
  return gaps.sort((a, b) => a.userName.localeCompare(b.userName) || placeOf(a).localeCompare(placeOf(b)) || a.identifier.localeCompare(b.identifier) || a.kind.localeCompare(b.kind));
}
