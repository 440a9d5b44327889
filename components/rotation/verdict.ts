// The rules' verdict on a button, as the text shown beside it when it is disabled. Any kind of
// rotation's availability list will do: only the type, target and refusal are read.
type Availability = { type: string; target?: string } & ({ allowed: true } | { allowed: false; message: string; overridable: boolean });

export function findAvailability(available: readonly Availability[], type: string, target?: string) {
  return available.find((e) => e.type === type && (target === undefined || e.target === target));
}

/** null when allowed; otherwise why not. */
export function verdict(available: readonly Availability[], type: string, target?: string): string | null {
  const a = findAvailability(available, type, target);
  if (!a) return "Not available at this step.";
  return a.allowed ? null : a.message;
}

/** A refusal an admin may override with a written reason (the cut-over checks, at deactivation only). */
export function overridable(available: readonly Availability[], type: string): boolean {
  const a = findAvailability(available, type);
  return !!a && !a.allowed && a.overridable;
}
