"use client";
// Watches Last used of both users' keys while the rotation waits for cut-over: the new key must be used
// for SES (an email sent with the new credentials) and the old user quiet. Polls only while waiting,
// starts from the server's data, and stops once the rules call it settled.
import { useQuery } from "@tanstack/react-query";
import type { KeyUse } from "@/lib/rotation/view.ts";
import type { SmtpCutoverView } from "@/lib/rotation/smtp-view.ts";
import { formatDateTime } from "../ui/format.ts";
import { SmtpRotationForm } from "./smtp-rotation-form.tsx";

type Polled = SmtpCutoverView & { step: string; version: number };

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function KeyLine({ label, testId, k }: { label: string; testId: string; k: KeyUse }) {
  return (
    <li>
      <span className="font-medium">{label}</span> <code className="text-xs">{k.accessKeyId}</code> ({k.status}) — last used{" "}
      <span data-testid={testId}>{formatDateTime(k.lastUsedDate)}</span>
      {k.lastUsedService ? ` (${k.lastUsedService})` : ""}
    </li>
  );
}

export function SmtpCutoverWatcher(props: { rotationId: string; oldUserName: string; newUserName: string; initial: Polled; pollSeconds: number }) {
  const { rotationId, initial, pollSeconds } = props;
  const { data, error, isFetching } = useQuery({
    // Keyed by version: after a rollback the watch starts again instead of reusing a settled result.
    queryKey: ["smtp-cutover", rotationId, initial.version],
    queryFn: async (): Promise<Polled> => {
      const res = await fetch(`/api/v1/smtp-rotations/${rotationId}/cutover`, { cache: "no-store" });
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
        {data.oldKeys.map((k) => (
          <KeyLine key={k.accessKeyId} label={`Old user ${props.oldUserName}`} testId="old-key-last-used" k={k} />
        ))}
        {data.newKey && <KeyLine label={`New user ${props.newUserName}`} testId="new-key-last-used" k={data.newKey} />}
      </ul>
      <p role="status" className="text-sm font-medium">
        {ev?.newKeyInUse ? "New SMTP credentials are sending through SES." : "Waiting for an email sent with the new SMTP credentials…"}{" "}
        {ev && `Old user quiet for ${duration(ev.oldKeyQuietForMs)} of ${duration(data.quietWindowMs)}.`}
      </p>
      {ev && <p className="text-sm text-slate-600 dark:text-slate-400">{ev.reason}</p>}
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {error ? `Could not read IAM: ${(error as Error).message}` : isFetching ? "Checking IAM…" : ev?.settled ? "Settled: polling stopped." : `Checking every ${pollSeconds} s.`}
      </p>
      <SmtpRotationForm
        rotationId={rotationId}
        version={data.version}
        type="cutover-confirmed"
        label="Confirm cut-over"
        disabledReason={ev?.settled ? null : "Available once the new credentials have sent mail through SES and the old user has been quiet for the whole window."}
      />
    </section>
  );
}
