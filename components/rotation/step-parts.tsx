// The parts of a step panel that every kind of rotation shows alike: the locations to confirm, the
// distribution checklist, notifying 2nd line before deactivating, and cancelling. Server components:
// each takes the kind's command form, which knows the kind's action.
import Link from "next/link";
import type { ComponentType, ReactNode } from "react";
import type { LocationRecord } from "@/lib/db/locations.ts";
import type { NotificationRecord } from "@/lib/rotation/rules/index.ts";
import type { ChecklistRow } from "@/lib/rotation/view.ts";
import { controlClass as input } from "../ui/field.tsx";
import { formatDateTime } from "../ui/format.ts";
import type { RotationFormProps } from "./command-form.tsx";
import { RefreshAt } from "./refresh-at.tsx";
import { overridable, verdict } from "./verdict.ts";

type Form = ComponentType<RotationFormProps>;
/** Which rotation, at which version: what every command of the panel posts. */
type Common = { rotationId: string; version: number };
type Available = Parameters<typeof verdict>[0];
/** What the parts read of the kind's page view. */
type View = { locations: LocationRecord[]; checklist: ChecklistRow[]; available: Available };

export function ConfirmLocations(props: { Form: Form; common: Common; view: View; keyId: string; intro: string; acknowledge: string }) {
  const { Form } = props;
  const { locations } = props.view;
  return (
    <div className="space-y-3 text-sm">
      <p>{props.intro}</p>
      <ul className="list-disc pl-5">
        {locations.map((l) => (
          <li key={l.id}>
            {l.system} · {l.environment} · <code>{l.identifier}</code>
          </li>
        ))}
        {locations.length === 0 && <li>No locations recorded.</li>}
      </ul>
      <p>
        Missing one?{" "}
        <Link href={`/keys/${props.keyId}`} className="text-blue-700 underline dark:text-blue-300">
          Add it on the key&apos;s page
        </Link>
        .
      </p>
      <Form {...props.common} type="confirm-locations" label="Locations are complete">
        {locations.length === 0 && (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="acknowledgeNoLocations" /> {props.acknowledge}
          </label>
        )}
      </Form>
    </div>
  );
}

/** `intro` says what to put where; `beforeTick` adds to a row (a failed store write and its retry). */
export function DistributeChecklist(props: { Form: Form; common: Common; view: View; intro: ReactNode; beforeTick?: (row: ChecklistRow) => ReactNode }) {
  const { Form, common } = props;
  const { checklist, available } = props.view;
  return (
    <div className="space-y-3 text-sm">
      <p>{props.intro}</p>
      <ul className="space-y-3" aria-label="Locations to update">
        {checklist.map((row) => (
          <li key={row.location.id} className="rounded border border-slate-200 p-3 dark:border-slate-700">
            <p>
              <span className="font-medium">{row.location.system}</span> · {row.location.environment} · <code>{row.location.identifier}</code>
              {row.updated && (
                <span className="ml-2 text-green-800 dark:text-green-300">
                  Updated{row.updatedBy ? ` by ${row.updatedBy}` : ""}
                  {row.note ? ` — ${row.note}` : ""}
                </span>
              )}
            </p>
            {props.beforeTick?.(row)}
            {row.updated ? (
              <Form {...common} type="unmark-location-updated" hidden={{ locationId: row.location.id }} label={`Untick ${row.location.identifier} (${row.location.environment})`} variant="plain" />
            ) : (
              <Form {...common} type="mark-location-updated" hidden={{ locationId: row.location.id }} label={`Mark ${row.location.identifier} (${row.location.environment}) updated`}>
                <label className="block">
                  Note (optional)
                  <input name="note" maxLength={500} className={input} />
                </label>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <p className="font-medium">Reminder: redeploy every application whose configuration changed.</p>
      <Form {...common} type="finish-distribution" label="All locations updated and redeployed" disabledReason={verdict(available, "finish-distribution")} />
    </div>
  );
}

function notified(n: NotificationRecord): string {
  if (n.status === "sent") return `notified ${formatDateTime(n.at)}`;
  if (n.status === "failed") return `notification FAILED (${n.detail ?? "unknown"})`;
  if (n.status === "skipped") return `not notified (skipped: ${n.reason})`;
  return "not yet notified";
}

/** Notify 2nd line (or proceed without, audited), then deactivate; an admin may override the cut-over checks. */
export function RetireControls(props: { Form: Form; common: Common; view: View; isAdmin: boolean; notification: NotificationRecord; deactivateLabel: string; children?: ReactNode }) {
  const { Form, common, notification: n } = props;
  const { available } = props.view;
  const override = props.isAdmin && overridable(available, "deactivate-old");
  return (
    <div className="space-y-3 text-sm">
      <p role="status">2nd line: {notified(n)}</p>
      {n.status !== "sent" && n.status !== "skipped" && (
        <Form {...common} type="send-notification" label={n.status === "failed" ? "Retry notifying 2nd line" : "Notify 2nd line"} disabledReason={verdict(available, "send-notification")} />
      )}
      {n.status === "failed" && (
        <Form {...common} type="skip-notification" label="Proceed without notifying" variant="plain">
          <label className="block">
            Why proceed without notifying 2nd line? (audited)
            <input name="reason" required minLength={3} className={input} />
          </label>
        </Form>
      )}
      {props.children}
      <Form {...common} type="deactivate-old" label={props.deactivateLabel} variant="danger" disabledReason={override ? null : verdict(available, "deactivate-old")}>
        {override && (
          <>
            <p className="text-amber-800 dark:text-amber-300">{verdict(available, "deactivate-old")}</p>
            <label className="block">
              Admin override reason (audited; required to proceed anyway)
              <textarea name="overrideReason" className={input} />
            </label>
          </>
        )}
      </Form>
    </div>
  );
}

/** The old credentials are Inactive: the step's controls, re-rendered when the inactive period ends (a
 * button held back until then may enable). */
export function OldInactive({ deactivatedAt, inactivePeriodMs, children }: { deactivatedAt: Date; inactivePeriodMs: number; children: ReactNode }) {
  return (
    <div className="space-y-3 text-sm">
      <RefreshAt at={new Date(deactivatedAt.getTime() + inactivePeriodMs).toISOString()} />
      {children}
    </div>
  );
}

/** Offered while the rules allow a cancel; folded away, as it is rarely wanted. */
export function CancelRotation({ Form, common, available }: { Form: Form; common: Common; available: Available }) {
  if (verdict(available, "cancel") !== null) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Cancel this rotation</summary>
      <div className="mt-2">
        <Form {...common} type="cancel" label="Cancel rotation" variant="plain">
          <label className="block">
            Reason
            <input name="reason" required className={input} />
          </label>
        </Form>
      </div>
    </details>
  );
}
