// Ready-to-paste forms of a new key, so nobody retypes a secret.
import type { NewSecret } from "@/lib/iam/types.ts";

// AWS secrets are base64-like and need no quoting; anything else is single-quoted for POSIX shells.
const SHELL_SAFE = /^[A-Za-z0-9_./+=:@%,-]+$/;

export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function envSnippet(secret: NewSecret): string {
  return [
    `export AWS_ACCESS_KEY_ID=${shellQuote(secret.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${shellQuote(secret.secretAccessKey)}`,
  ].join("\n");
}

/** A profile for ~/.aws/credentials named after the IAM user (user names never contain brackets). */
export function credentialsSnippet(secret: NewSecret): string {
  return [
    `[${secret.userName}]`,
    `aws_access_key_id = ${secret.accessKeyId}`,
    `aws_secret_access_key = ${secret.secretAccessKey}`,
  ].join("\n");
}
