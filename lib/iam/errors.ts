import { KeyrotateError } from "../errors.ts";

// AWS error names we can explain; everything else keeps its name for the log.
const KNOWN: Record<string, { code: ConstructorParameters<typeof KeyrotateError>[0]; say: string }> = {
  LimitExceeded: {
    code: "iam-limit-exceeded",
    say: "IAM refused: this user already has two access keys (the AWS limit).",
  },
  LimitExceededException: {
    code: "iam-limit-exceeded",
    say: "IAM refused: this user already has two access keys (the AWS limit).",
  },
  NoSuchEntity: { code: "iam-no-such-entity", say: "IAM has no such user or access key any more. Sync to refresh." },
  NoSuchEntityException: {
    code: "iam-no-such-entity",
    say: "IAM has no such user or access key any more. Sync to refresh.",
  },
  AccessDenied: { code: "iam-access-denied", say: "AWS denied the call: check keyrotate's IAM permissions." },
  AccessDeniedException: {
    code: "iam-access-denied",
    say: "AWS denied the call: check keyrotate's IAM permissions.",
  },
};

const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "TimeoutError"]);

/** Turns an AWS SDK failure into a KeyrotateError a person can act on. */
export function toIamError(error: unknown, doing: string): KeyrotateError {
  if (error instanceof KeyrotateError) return error;
  const e = error as { name?: string; code?: string; message?: string };
  const known = e?.name ? KNOWN[e.name] : undefined;
  if (known) return new KeyrotateError(known.code, known.say, { cause: error });
  if ((e?.code && NETWORK.has(e.code)) || (e?.name && NETWORK.has(e.name))) {
    return new KeyrotateError(
      "iam-unreachable",
      `Cannot reach AWS IAM while ${doing} (${e.code ?? e.name}). Check the network, AWS_ENDPOINT_URL_IAM and credentials.`,
      { cause: error },
    );
  }
  if (e?.name === "CredentialsProviderError") {
    return new KeyrotateError("iam-access-denied", `No AWS credentials found while ${doing}.`, { cause: error });
  }
  return new KeyrotateError("internal", `AWS call failed while ${doing}: ${e?.name ?? "unknown error"}.`, {
    cause: error,
  });
}
