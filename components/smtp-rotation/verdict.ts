// The rules' verdict on a button, as the text shown beside it when it is disabled.
import type { SmtpEventAvailability } from "@/lib/rotation/rules/smtp.ts";

export function findAvailability(available: SmtpEventAvailability[], type: string, target?: string) {
  return available.find((e) => e.type === type && (target === undefined || e.target === target));
}

/** null when allowed; otherwise why not. */
export function verdict(available: SmtpEventAvailability[], type: string, target?: string): string | null {
  const a = findAvailability(available, type, target);
  if (!a) return "Not available at this step.";
  return a.allowed ? null : a.message;
}

/** A refusal an admin may override with a written reason (the cut-over checks, at deactivation only). */
export function overridable(available: SmtpEventAvailability[], type: string): boolean {
  const a = findAvailability(available, type);
  return !!a && !a.allowed && a.overridable;
}
