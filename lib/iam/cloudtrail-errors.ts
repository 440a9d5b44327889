import { KeyrotateError } from "../errors.ts";

// CloudTrail speaks JSON 1.1: error names end in "Exception". The SDK already retried throttling
// (standard retry mode) before any of these reach us, so none is retried again here.
const DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "NotAuthorized"]);
const THROTTLED = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded"]);
const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "TimeoutError"]);

/** Turns a failed CloudTrail call into a KeyrotateError that names what a person can fix. */
export function toCloudTrailError(error: unknown, doing: string): KeyrotateError {
  if (error instanceof KeyrotateError) return error;
  const e = error as { name?: string; code?: string } | undefined;
  const name = e?.name;
  if (name && DENIED.has(name)) {
    return new KeyrotateError(
      "iam-access-denied",
      `AWS denied the CloudTrail lookup while ${doing}: keyrotate needs the cloudtrail:LookupEvents permission in this account.`,
      { cause: error },
    );
  }
  if (name && THROTTLED.has(name)) {
    return new KeyrotateError(
      "internal",
      `CloudTrail kept throttling the lookup while ${doing}, even after retries. Try again in a minute.`,
      { cause: error },
    );
  }
  if ((e?.code && NETWORK.has(e.code)) || (name && NETWORK.has(name))) {
    return new KeyrotateError(
      "iam-unreachable",
      `Cannot reach AWS CloudTrail while ${doing} (${e?.code ?? name}). Check the network, AWS_ENDPOINT_URL_CLOUDTRAIL and credentials.`,
      { cause: error },
    );
  }
  if (name === "CredentialsProviderError") {
    return new KeyrotateError("iam-access-denied", `No AWS credentials found while ${doing}.`, { cause: error });
  }
  return new KeyrotateError("internal", `CloudTrail call failed while ${doing}: ${name ?? "unknown error"}.`, {
    cause: error,
  });
}
