"use client";
// "Find where it is used": the key's CloudTrail callers, grouped, and one click to record a caller as a
// location (kind, system, identifier and notes proposed; the person checks them and adds the environment).
import { useState } from "react";
import { addLocation } from "@/app/(dashboard)/locations/actions.ts";
import { findKeyUsageAction } from "@/app/(dashboard)/keys/usage-actions.ts";
import type { UsageGroupView } from "@/lib/discovery/key-usage.ts";
import { LocationForm } from "../locations/location-form.tsx";
import { secondaryButton } from "../ui/button.ts";
import { FormMessage } from "../ui/field.tsx";
import { formatDateTime } from "../ui/format.ts";
import { DataTable, cell } from "../ui/table.tsx";
import { useFormAction } from "../ui/use-form-action.ts";

type Props = { accessKeyId: string; canRecord: boolean };

const groupId = (g: UsageGroupView) => `${g.sourceIp}|${g.userAgent}|${g.eventSource}`;

export function KeyUsage({ accessKeyId, canRecord }: Props) {
  const { state: found, pending: finding, formRef: findForm, onSubmit: onFind } = useFormAction(findKeyUsageAction);
  const [recording, setRecording] = useState<string | null>(null);
  const usage = found.result;
  const chosen = usage?.groups.find((g) => groupId(g) === recording);
  return (
    <section aria-labelledby="usage-heading" className="space-y-3">
      <div>
        <h2 id="usage-heading" className="text-lg font-semibold">
          Where CloudTrail saw it
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Who called AWS with this key in the last 90 days (management events in its account), grouped by source IP, user agent and service.
        </p>
      </div>
      <form ref={findForm} onSubmit={onFind} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="accessKeyId" value={accessKeyId} />
        <button type="submit" disabled={finding} className={secondaryButton}>
          Find where it is used
        </button>
        <FormMessage state={found} pending={finding} pendingText="Reading CloudTrail…" />
      </form>
      {usage && usage.truncated && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Stopped after {usage.maxEvents} events: older callers may be missing.
        </p>
      )}
      {usage && usage.groups.length > 0 && (
        <DataTable columns={["Source IP", "User agent", "Service", "First seen", "Last seen", "Calls", ...(canRecord ? [""] : [])]} caption={`CloudTrail callers of ${accessKeyId}`}>
          {usage.groups.map((g) => (
            <tr key={groupId(g)}>
              <td className={`${cell} font-mono`}>{g.sourceIp}</td>
              <td className={`${cell} max-w-xs break-all font-mono text-xs`} title={g.userAgent}>
                {g.userAgent}
              </td>
              <td className={cell}>{g.eventSource}</td>
              <td className={cell}>{formatDateTime(g.firstSeen)}</td>
              <td className={cell}>{formatDateTime(g.lastSeen)}</td>
              <td className={`${cell} tabular-nums`}>{g.count}</td>
              {canRecord && (
                <td className={cell}>
                  <button type="button" onClick={() => setRecording(groupId(g))} className={secondaryButton} aria-label={`Record as location: ${g.sourceIp} ${g.eventSource}`}>
                    Record as location
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {chosen && (
        <section aria-labelledby="usage-record-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h3 id="usage-record-heading" className="mb-3 font-semibold">
            Record {chosen.sourceIp} as a location
          </h3>
          <LocationForm
            key={recording}
            action={addLocation}
            accessKeyId={accessKeyId}
            prefill={chosen.suggestion}
            submitLabel="Record location"
            onSaved={() => setRecording(null)}
            onCancel={() => setRecording(null)}
          />
        </section>
      )}
    </section>
  );
}
