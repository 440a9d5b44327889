// Pure rules for copying a user's permissions: reading IAM's policy documents, and deciding whether
// a user that already exists under the new name is our own unfinished copy (resume) or someone
// else's user (refuse).
import { KeyrotateError } from "../errors.ts";

/** What a user is allowed to do, as describeUser reads it; lists are sorted so copies compare equal. */
export type UserPermissions = {
  userName: string;
  path: string;
  permissionsBoundaryArn: string | null;
  groups: string[];
  attachedPolicyArns: string[];
  /** `document`: the policy JSON as text, decoded. */
  inlinePolicies: { name: string; document: string }[];
  tags: { key: string; value: string }[];
};

/**
 * IAM returns inline policy documents URL-encoded (RFC 3986), and PutUserPolicy wants the JSON
 * itself: putting the encoded text back would fail, or store a different document. A document that
 * starts with "{" is already decoded (an encoded one starts with %7B).
 */
export function decodePolicyDocument(raw: string): string {
  if (raw.trimStart().startsWith("{")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    throw new KeyrotateError("internal", "IAM returned a policy document that is not valid URL-encoded text.", { cause: error });
  }
}

const extra = (have: string[], want: string[]) => have.filter((x) => !want.includes(x));

/**
 * Why `existing` cannot be an unfinished copy of `like`, or [] when it can. What is set atomically
 * by CreateUser (path, boundary, tags) must match; groups and policies may be missing (a crash
 * before they were added) but not extra.
 */
export function copyDivergence(existing: UserPermissions, like: UserPermissions): string[] {
  const problems: string[] = [];
  if (existing.path !== like.path) problems.push(`path is ${existing.path}, not ${like.path}`);
  if (existing.permissionsBoundaryArn !== like.permissionsBoundaryArn) {
    problems.push(`permissions boundary is ${existing.permissionsBoundaryArn ?? "none"}, not ${like.permissionsBoundaryArn ?? "none"}`);
  }
  const tagText = (tags: UserPermissions["tags"]) =>
    tags
      .map((t) => `${t.key}=${t.value}`)
      .sort()
      .join(", ") || "none";
  if (tagText(existing.tags) !== tagText(like.tags)) problems.push(`tags are ${tagText(existing.tags)}, not ${tagText(like.tags)}`);
  const groups = extra(existing.groups, like.groups);
  if (groups.length) problems.push(`it is also in group ${groups.join(", ")}`);
  const policies = extra(existing.attachedPolicyArns, like.attachedPolicyArns);
  if (policies.length) problems.push(`it also has managed policy ${policies.join(", ")}`);
  const inline = extra(
    existing.inlinePolicies.map((p) => p.name),
    like.inlinePolicies.map((p) => p.name),
  );
  if (inline.length) problems.push(`it also has inline policy ${inline.join(", ")}`);
  return problems;
}
