// Who owns an IAM user: the dashboard's record when there is one, else the user's IAM tags. Pure: the
// stored record, the tags and the tag keys are passed. `source` says where the answer came from.
import type { Tag } from "../iam/types.ts";

export type OwnerSource = "dashboard" | `tag:${string}`;
export type Owner = { team: string | null; contact: string | null; source: OwnerSource };
export type OwnerRecord = { team: string | null; contact: string | null };
export type OwnerTags = { ownerTag: string; contactTag: string };

function tagValue(tags: Tag[] | null, key: string): string | null {
  const value = tags?.find((t) => t.key === key)?.value.trim();
  return value ? value : null;
}

/** The dashboard's record wins whole (a team set there with no contact does not borrow the tag's contact). */
export function resolveOwner(record: OwnerRecord | null, tags: Tag[] | null, keys: OwnerTags): Owner | null {
  if (record && (record.team || record.contact)) return { team: record.team, contact: record.contact, source: "dashboard" };
  const team = tagValue(tags, keys.ownerTag);
  const contact = tagValue(tags, keys.contactTag);
  if (!team && !contact) return null;
  return { team, contact, source: `tag:${team ? keys.ownerTag : keys.contactTag}` };
}

/** How a page says where an owner came from. */
export function describeSource(source: OwnerSource): string {
  return source === "dashboard" ? "set on the dashboard" : `from the IAM tag ${source.slice(4)}`;
}
