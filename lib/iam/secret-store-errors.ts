import { KeyrotateError } from "../errors.ts";

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "KMSAccessDeniedException", "UnauthorizedOperation"]);
const MISSING = new Set(["ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound"]);
const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "TimeoutError"]);

/**
 * A Secrets Manager or SSM failure as a person can act on it: which permission on which resource was
 * refused, or which secret or parameter does not exist. The AWS message may name the resource, never a value.
 */
export function toStoreError(error: unknown, at: { permission: string; resource: string; region: string }): KeyrotateError {
  if (error instanceof KeyrotateError) return error;
  const e = error as { name?: string; code?: string };
  const name = e?.name ?? "";
  if (DENIED.has(name)) {
    const kms = name.startsWith("KMS") ? " (or the KMS key's kms:Encrypt/kms:Decrypt)" : "";
    return new KeyrotateError(
      "iam-access-denied",
      `Missing permission: keyrotate may not call ${at.permission}${kms} on ${at.resource} in ${at.region}. Grant it to keyrotate's role in that account.`,
      { cause: error },
    );
  }
  if (MISSING.has(name)) {
    return new KeyrotateError("not-found", `${at.resource} does not exist in ${at.region} (${name}).`, { cause: error });
  }
  if ((e?.code && NETWORK.has(e.code)) || NETWORK.has(name)) {
    return new KeyrotateError("iam-unreachable", `Cannot reach AWS in ${at.region} while calling ${at.permission} (${e.code ?? name}).`, { cause: error });
  }
  if (name === "CredentialsProviderError") {
    return new KeyrotateError("iam-access-denied", `No AWS credentials found while calling ${at.permission}.`, { cause: error });
  }
  return new KeyrotateError("internal", `${at.permission} on ${at.resource} failed: ${name || "unknown error"}.`, { cause: error });
}
