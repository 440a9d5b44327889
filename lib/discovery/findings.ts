// What `keyrotate locations discover` reports for each occurrence: whether keyrotate knows the key and
// whose it is. Pure: the owners come from the caller.
import type { Occurrence } from "./scan.ts";

export type Finding = {
  accessKeyId: string;
  known: boolean;
  /** The IAM user of a known key; null for a key keyrotate has not synced. */
  userName: string | null;
  identifier: string;
  file: string;
  line: number;
};

export type KeyOwner = { accessKeyId: string; userName: string };

export function describeOccurrences(occurrences: Occurrence[], owners: KeyOwner[]): Finding[] {
  const byKey = new Map(owners.map((o) => [o.accessKeyId, o.userName]));
  return occurrences.map((o) => {
    const userName = byKey.get(o.accessKeyId) ?? null;
    return { accessKeyId: o.accessKeyId, known: userName !== null, userName, identifier: o.identifier, file: o.file, line: o.line };
  });
}
