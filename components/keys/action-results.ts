// The server actions' `result` reaches the browser as `unknown`; these read it without trusting it.

/** A freshly created key: the only moment keyrotate ever holds the secret. */
export type NewSecret = { accessKeyId: string; secretAccessKey: string; userName: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

export function newSecretOf(result: unknown): NewSecret | null {
  if (!isRecord(result)) return null;
  const { accessKeyId, secretAccessKey, userName } = result;
  if (!nonEmpty(accessKeyId) || !nonEmpty(secretAccessKey) || !nonEmpty(userName)) return null;
  return { accessKeyId, secretAccessKey, userName };
}

export function rotationIdOf(result: unknown): string | null {
  return isRecord(result) && nonEmpty(result.rotationId) ? result.rotationId : null;
}
