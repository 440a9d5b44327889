// SES SMTP users are named `<base>.<YYYYMMDD>`: their credentials cannot be rotated in place, so a
// rotation re-creates the user under today's date and deletes the old one (see the runbook).
import { KeyrotateError } from "../errors.ts";

const DATED = /^(.+)\.(\d{4})(\d{2})(\d{2})$/;
// IAM user names: 1-64 characters of letters, digits and _+=,.@-
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

export type Tag = { key: string; value: string };

export type SmtpUserMatch = {
  /** Default: the `<base>.<YYYYMMDD>` suffix with a real calendar date. */
  namePattern?: RegExp;
  /** The user's IAM path starts with this (e.g. "/smtp/"). */
  pathPrefix?: string;
  /** The user carries this tag; with `value`, with exactly that value. */
  tag?: { key: string; value?: string };
};

function yyyymmdd(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new KeyrotateError("invalid-input", "The date is not a valid date.");
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}

function isRealDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** `<base>.<YYYYMMDD>`, the date taken in UTC so that every operator's clock agrees. */
export function datedUserName(base: string, date: Date): string {
  const name = `${base}.${yyyymmdd(date)}`;
  if (!base || !IAM_USER_NAME.test(name)) {
    throw new KeyrotateError(
      "invalid-input",
      `"${name}" is not a valid IAM user name (1-64 letters, digits and _+=,.@-): shorten the base name "${base}".`,
    );
  }
  return name;
}

/** The base of a dated name (`ses-smtp.20260115` → `ses-smtp`), or null when it has no real date suffix. */
export function smtpBaseName(userName: string): string | null {
  const match = DATED.exec(userName);
  if (!match) return null;
  const [, base, y, m, d] = match;
  return isRealDate(y, m, d) ? base : null;
}

/** The date suffix of a dated name as YYYYMMDD, or null. */
function dateSuffix(userName: string): string | null {
  return smtpBaseName(userName) === null ? null : userName.slice(-8);
}

/** Whether a user is an SES SMTP user: every criterion given must hold; the name defaults to dated. */
export function isSmtpUser(user: { userName: string; path: string; tags?: Tag[] }, config: SmtpUserMatch = {}): boolean {
  const nameOk = config.namePattern ? config.namePattern.test(user.userName) : smtpBaseName(user.userName) !== null;
  const pathOk = config.pathPrefix === undefined || user.path.startsWith(config.pathPrefix);
  const tag = config.tag;
  const tagOk = tag === undefined || (user.tags ?? []).some((t) => t.key === tag.key && (tag.value === undefined || t.value === tag.value));
  return nameOk && pathOk && tagOk;
}

/**
 * The name to re-create an SMTP user under today: `<base>.<today UTC>`. A user without a date
 * suffix keeps its whole name as the base. Refuses when that is the user's own name (it was already
 * re-created today: IAM cannot hold two users of one name, and a second re-creation the same day
 * would have to delete the user it copies) and when the user's date is after today (a clock is wrong).
 */
export function nextSmtpUserName(currentUserName: string, today: Date): string {
  const base = smtpBaseName(currentUserName) ?? currentUserName;
  const next = datedUserName(base, today);
  const currentDate = dateSuffix(currentUserName);
  if (next === currentUserName) {
    throw new KeyrotateError(
      "conflict",
      `${currentUserName} was already created today (UTC): its replacement would have the same name. Re-create it tomorrow, or rotate another way.`,
    );
  }
  if (currentDate !== null && currentDate > next.slice(-8)) {
    throw new KeyrotateError(
      "conflict",
      `${currentUserName} is dated after today (${next.slice(-8)} UTC): check the clock before re-creating it.`,
    );
  }
  return next;
}
