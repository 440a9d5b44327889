"use client";
// Watches Last used while a rotation, of whatever kind, waits for cut-over. Polls only while waiting,
// starts from the server's data, and stops once the rules call it settled. The kind's watcher says
// where to poll, which keys to list and how to word the wait.
import { useQuery } from "@tanstack/react-query";
import type { ComponentType, ReactNode } from "react";
import type { KeyUse } from "@/lib/rotation/view.ts";
import { formatDateTime } from "../ui/format.ts";
import type { RotationFormProps } from "./command-form.tsx";

/** What every kind's cut-over endpoint answers, as far as the watch itself needs. */
export type PolledCutover = {
  evaluation: { newKeyInUse: boolean; oldKeyQuietForMs: number; settled: boolean; reason: string } | null;
  quietWindowMs: number;
  step: string;
  version: number;
};

/** A kind's cut-over view as its endpoint answers it: with the step and version it was read at. */
export type Polled<View> = View & { step: string; version: number };

/** The wording of the wait: `quiet` names what must fall quiet ("Old key", "Old user"). */
export type CutoverWording = { inUse: string; waiting: string; quiet: string; notSettled: string };

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function KeyLine({ label, testId, k, showCreated }: { label: string; testId: string; k: KeyUse | null; showCreated?: boolean }) {
  if (!k) return null;
  return (
    <li>
      <span className="font-medium">{label}</span> <code className="text-xs">{k.accessKeyId}</code> ({k.status}) — {showCreated ? `created ${formatDateTime(k.createDate)}, ` : ""}last used{" "}
      <span data-testid={testId}>{formatDateTime(k.lastUsedDate)}</span>
      {k.lastUsedService ? ` (${k.lastUsedService})` : ""}
    </li>
  );
}

export function CutoverWatch<Polled extends PolledCutover>(props: {
  rotationId: string;
  /** The kind's path below /api/v1, e.g. "rotations"; also names the query. */
  api: string;
  initial: Polled;
  pollSeconds: number;
  wording: CutoverWording;
  keys: (data: Polled) => ReactNode;
  Form: ComponentType<RotationFormProps>;
}) {
  const { rotationId, initial, pollSeconds, wording, Form } = props;
  // `data` is never undefined (initialData), but TypeScript cannot tell for a generic Polled.
  const { data = initial, error, isFetching } = useQuery({
    // Keyed by version: after a rollback the watch starts again instead of reusing a settled result.
    queryKey: [props.api, "cutover", rotationId, initial.version],
    queryFn: async (): Promise<Polled> => {
      const res = await fetch(`/api/v1/${props.api}/${rotationId}/cutover`, { cache: "no-store" });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body;
    },
    initialData: initial,
    initialDataUpdatedAt: 0, // server data is a starting point: fetch fresh facts at once
    refetchInterval: (q) => (q.state.data?.evaluation?.settled || q.state.data?.step !== "verify-cutover" ? false : pollSeconds * 1000),
  });
  const ev = data.evaluation;
  return (
    <section aria-labelledby="cutover-heading" className="space-y-3">
      <h3 id="cutover-heading" className="font-semibold">
        Cut-over
      </h3>
      <ul className="space-y-1 text-sm">{props.keys(data)}</ul>
      <p role="status" className="text-sm font-medium">
        {ev?.newKeyInUse ? wording.inUse : wording.waiting}{" "}
        {ev && `${wording.quiet} quiet for ${duration(ev.oldKeyQuietForMs)} of ${duration(data.quietWindowMs)}.`}
      </p>
      {ev && <p className="text-sm text-slate-600 dark:text-slate-400">{ev.reason}</p>}
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {error ? `Could not read IAM: ${(error as Error).message}` : isFetching ? "Checking IAM…" : ev?.settled ? "Settled: polling stopped." : `Checking every ${pollSeconds} s.`}
      </p>
      <Form rotationId={rotationId} version={data.version} type="cutover-confirmed" label="Confirm cut-over" disabledReason={ev?.settled ? null : wording.notSettled} />
    </section>
  );
}
