// One typed error for everything the product knows how to explain. `userMessage` is safe to show
// on a page or a terminal; anything else is logged and shown as a generic failure.
export type ErrorCode =
  | "invalid-input"
  | "not-found"
  | "forbidden"
  | "conflict"
  | "rule-violation"
  | "iam-limit-exceeded"
  | "iam-no-such-entity"
  | "iam-access-denied"
  | "iam-unreachable"
  | "database-unreachable"
  | "notification-failed"
  | "internal";

export class KeyrotateError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = "KeyrotateError";
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const GENERIC_FAILURE = "Something went wrong. The details are in the server log.";

/** What a person may be told about any thrown value. */
export function userMessageOf(error: unknown): string {
  return error instanceof KeyrotateError ? error.userMessage : GENERIC_FAILURE;
}
