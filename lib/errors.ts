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

// What an HTTP client is told a known error was: its own doing (4xx) or ours and the outside world's (5xx).
const HTTP_STATUS: Record<ErrorCode, number> = {
  "invalid-input": 400,
  "not-found": 404,
  forbidden: 403,
  conflict: 409,
  "rule-violation": 422,
  "iam-limit-exceeded": 409,
  "iam-no-such-entity": 404,
  "iam-access-denied": 502,
  "iam-unreachable": 502,
  "database-unreachable": 503,
  "notification-failed": 502,
  internal: 500,
};

/** The HTTP status for any thrown value: unknown ones are the server's fault. */
export function httpStatusOf(error: unknown): number {
  return error instanceof KeyrotateError ? HTTP_STATUS[error.code] : 500;
}

/** What a person may be told about any thrown value. */
export function userMessageOf(error: unknown): string {
  return error instanceof KeyrotateError ? error.userMessage : GENERIC_FAILURE;
}
