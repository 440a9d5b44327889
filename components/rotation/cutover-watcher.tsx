"use client";
// Watches Last used of both keys while the rotation waits for cut-over. Polls only while waiting,
// starts from the server's data, and stops once the rules call it settled.
import { useQuery } from "@tanstack/react-query";
import type { CutoverView, KeyUse } from "@/lib/rotation/view.ts";
import { formatDateTime } from "../ui/format.ts";
import { RotationForm } from "./rotation-form.tsx";

type Polled = CutoverView & { step: string; version: number };

function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function KeyLine({ label, k }: { label: string; k: KeyUse | null }) {
  if (!k) return null;
  return (
    <li>
      <span className="font-medium">{label}</span> <code className="text-xs">{k.accessKeyId}</code> ({k.status}) — created {formatDateTime(k.createDate)}, last
      used <span data-testid={`${label.toLowerCase().replace(" ", "-")}-last-used`}>{formatDateTime(k.lastUsedDate)}</span>
      {k.lastUsedService ? ` (${k.lastUsedService})` : ""}
    </li>
  );
}

export function CutoverWatcher({ rotationId, initial, pollSeconds }: { rotationId: string; initial: Polled; pollSeconds: number }) {
  const { data, error, isFetching } = useQuery({
    // Keyed by version: after a rollback the watch starts again instead of reusing a settled result.
    queryKey: ["cutover", rotationId, initial.version],
    queryFn: async (): Promise<Polled> => {
      const res = await fetch(`/api/v1/rotations/${rotationId}/cutover`, { cache: "no-store" });
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
      <ul className="space-y-1 text-sm">
        <KeyLine label="Old key" k={data.oldKey} />
        <KeyLine label="New key" k={data.newKey} />
      </ul>
      <p role="status" className="text-sm font-medium">
        {ev?.newKeyInUse ? "New key in use." : "Waiting for the new key to be used…"}{" "}
        {ev && `Old key quiet for ${minutes(ev.oldKeyQuietForMs)} of ${minutes(data.quietWindowMs)}.`}
      </p>
      {ev && <p className="text-sm text-slate-600 dark:text-slate-400">{ev.reason}</p>}
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {error ? `Could not read IAM: ${(error as Error).message}` : isFetching ? "Checking IAM…" : ev?.settled ? "Settled: polling stopped." : `Checking every ${pollSeconds} s.`}
      </p>
      <RotationForm
        rotationId={rotationId}
        version={data.version}
        type="cutover-confirmed"
        label="Confirm cut-over"
        disabledReason={ev?.settled ? null : "Available once the new key is in use and the old key has been quiet for the whole window."}
      />
    </section>
  );
}
