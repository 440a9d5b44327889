// The current step's controls. Server component: the rules' verdicts come from the page's view;
// the runner checks them again against IAM when a button is pressed.
import Link from "next/link";
import type { RotationView } from "@/lib/rotation/view.ts";
import type { EventAvailability } from "@/lib/rotation/rules/index.ts";
import { formatDateTime } from "../ui/format.ts";
import { CutoverWatcher } from "./cutover-watcher.tsx";
import { RefreshAt } from "./refresh-at.tsx";
import { RetryStoreForm } from "./retry-store-form.tsx";
import { RotationForm } from "./rotation-form.tsx";

const input = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

function find(available: EventAvailability[], type: string, target?: string) {
  return available.find((e) => e.type === type && (target === undefined || e.target === target));
}

function verdict(available: EventAvailability[], type: string, target?: string): string | null {
  const a = find(available, type, target);
  if (!a) return "Not available at this step.";
  return a.allowed ? null : a.message;
}

/** A refusal an admin may override with a written reason (the cut-over checks only). */
function overridable(available: EventAvailability[], type: string): boolean {
  const a = find(available, type);
  return !!a && !a.allowed && a.overridable;
}

export function StepPanel({ view, isAdmin, pollSeconds }: { view: RotationView; isAdmin: boolean; pollSeconds: number }) {
  const { rotation, available } = view;
  const state = rotation.state;
  const common = { rotationId: rotation.id, version: rotation.version };
  const keyById = (id: string) => view.keys.find((k) => k.accessKeyId === id);

  switch (state.step) {
    case "resolve-two-keys":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {state.keyIds.map((id) => {
            const k = keyById(id);
            return (
              <div key={id} className="space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700">
                <p className="font-mono text-sm">{id}</p>
                <p className="text-sm">Last used: {formatDateTime(k?.lastUsedDate ?? null)}</p>
                <RotationForm {...common} type="remove-unused-key" hidden={{ accessKeyId: id }} label={`Remove unused key ${id}`} variant="danger" disabledReason={verdict(available, "remove-unused-key", id)} />
                <RotationForm {...common} type="keep-key" hidden={{ accessKeyId: id }} label={`Keep ${id}`} variant="plain" disabledReason={verdict(available, "keep-key", id)} />
              </div>
            );
          })}
        </div>
      );
    case "confirm-locations":
      return (
        <div className="space-y-3 text-sm">
          <p>These are the places recorded for key {state.oldKeyId}. Each becomes a checklist item when the new key is created.</p>
          <ul className="list-disc pl-5">
            {view.locations.map((l) => (
              <li key={l.id}>
                {l.system} · {l.environment} · <code>{l.identifier}</code>
              </li>
            ))}
            {view.locations.length === 0 && <li>No locations recorded.</li>}
          </ul>
          <p>
            Missing one? <Link href={`/keys/${state.oldKeyId}`} className="text-blue-700 underline dark:text-blue-300">Add it on the key&apos;s page</Link>.
          </p>
          <RotationForm {...common} type="confirm-locations" label="Locations are complete">
            {view.locations.length === 0 && (
              <label className="flex items-center gap-2">
                <input type="checkbox" name="acknowledgeNoLocations" /> I have checked: this key is used nowhere that needs updating.
              </label>
            )}
          </RotationForm>
        </div>
      );
    case "create-key":
      return (
        <div className="space-y-2 text-sm">
          <p>Create the replacement key. Its secret is shown once: have the secrets repository or the service&apos;s control panel open.</p>
          <RotationForm {...common} type="create-key" label="Create new key" disabledReason={verdict(available, "create-key")} />
        </div>
      );
    case "distribute":
      return (
        <div className="space-y-3 text-sm">
          <p>
            Put new key {state.newKeyId} in every location below, then redeploy what reads it. Tick each one as you go. keyrotate
            wrote Secrets Manager and SSM locations itself and ticked them.
          </p>
          <ul className="space-y-3" aria-label="Locations to update">
            {view.checklist.map((row) => (
              <li key={row.location.id} className="rounded border border-slate-200 p-3 dark:border-slate-700">
                <p>
                  <span className="font-medium">{row.location.system}</span> · {row.location.environment} · <code>{row.location.identifier}</code>
                  {row.updated && <span className="ml-2 text-green-800 dark:text-green-300">Updated{row.updatedBy ? ` by ${row.updatedBy}` : ""}{row.note ? ` — ${row.note}` : ""}</span>}
                </p>
                {row.store?.failed && (
                  <div className="my-2 space-y-2">
                    <p className="text-red-700 dark:text-red-300" data-testid="store-write-failed">
                      keyrotate could not write the new key here: {row.store.failed.reason}
                    </p>
                    <RetryStoreForm rotationId={rotation.id} locationId={row.location.id} label={row.location.identifier} />
                  </div>
                )}
                {row.updated ? (
                  <RotationForm {...common} type="unmark-location-updated" hidden={{ locationId: row.location.id }} label={`Untick ${row.location.identifier} (${row.location.environment})`} variant="plain" />
                ) : (
                  <RotationForm {...common} type="mark-location-updated" hidden={{ locationId: row.location.id }} label={`Mark ${row.location.identifier} (${row.location.environment}) updated`}>
                    <label className="block">
                      Note (optional)
                      <input name="note" maxLength={500} className={input} />
                    </label>
                  </RotationForm>
                )}
              </li>
            ))}
          </ul>
          <p className="font-medium">Reminder: redeploy every application whose configuration changed.</p>
          <RotationForm {...common} type="finish-distribution" label="All locations updated and redeployed" disabledReason={verdict(available, "finish-distribution")} />
        </div>
      );
    case "verify-cutover":
      return <CutoverWatcher rotationId={rotation.id} pollSeconds={pollSeconds} initial={{ ...view.cutover, step: state.step, version: rotation.version }} />;
    case "retire": {
      const n = state.notification;
      return (
        <div className="space-y-3 text-sm">
          <p role="status">
            2nd line: {n.status === "sent" ? `notified ${formatDateTime(n.at)}` : n.status === "failed" ? `notification FAILED (${n.detail ?? "unknown"})` : n.status === "skipped" ? `not notified (skipped: ${n.reason})` : "not yet notified"}
          </p>
          {n.status !== "sent" && n.status !== "skipped" && (
            <RotationForm {...common} type="send-notification" label={n.status === "failed" ? "Retry notifying 2nd line" : "Notify 2nd line"} disabledReason={verdict(available, "send-notification")} />
          )}
          {n.status === "failed" && (
            <RotationForm {...common} type="skip-notification" label="Proceed without notifying" variant="plain">
              <label className="block">
                Why proceed without notifying 2nd line? (audited)
                <input name="reason" required minLength={3} className={input} />
              </label>
            </RotationForm>
          )}
          <RotationForm
            {...common}
            type="deactivate-old"
            label={`Deactivate old key ${state.oldKeyId}`}
            variant="danger"
            disabledReason={isAdmin && overridable(available, "deactivate-old") ? null : verdict(available, "deactivate-old")}
          >
            {isAdmin && overridable(available, "deactivate-old") && (
              <>
                <p className="text-amber-800 dark:text-amber-300">{verdict(available, "deactivate-old")}</p>
                <label className="block">
                  Admin override reason (audited; required to proceed anyway)
                  <textarea name="overrideReason" className={input} />
                </label>
              </>
            )}
          </RotationForm>
        </div>
      );
    }
    case "old-inactive": {
      // When the inactive period ends the delete button may enable: re-render then.
      const canDeleteAt = new Date(state.deactivatedAt.getTime() + view.inactivePeriodMs).toISOString();
      return (
        <div className="space-y-3 text-sm">
          <RefreshAt at={canDeleteAt} />
          <p>
            Old key {state.oldKeyId} is Inactive since {formatDateTime(state.deactivatedAt)}. If anything broke, reactivate it: that rolls back.
          </p>
          <RotationForm {...common} type="reactivate-old" label={`Reactivate old key ${state.oldKeyId} (roll back)`} variant="plain">
            {view.restorable.length > 0 && (
              <label className="flex items-center gap-2">
                <input type="checkbox" name="restoreStores" defaultChecked /> Also make the previous version current again in the {view.restorable.length}{" "}
                store(s) keyrotate wrote (audited)
              </label>
            )}
          </RotationForm>
          <RotationForm {...common} type="delete-old" label={`Delete old key ${state.oldKeyId}`} variant="danger" disabledReason={verdict(available, "delete-old")} />
        </div>
      );
    }
    case "done":
      return <p className="text-sm">Rotation complete {formatDateTime(state.completedAt)}. The old key is deleted.</p>;
    case "cancelled":
      return <p className="text-sm">Cancelled {formatDateTime(state.cancelledAt)}: {state.reason}</p>;
  }
}
