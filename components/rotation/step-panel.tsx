// The current step's controls. Server component: the rules' verdicts come from the page's view;
// the runner checks them again against IAM when a button is pressed.
import type { RotationView } from "@/lib/rotation/view.ts";
import { formatDateTime } from "../ui/format.ts";
import { CutoverWatcher } from "./cutover-watcher.tsx";
import { RetryStoreForm } from "./retry-store-form.tsx";
import { RotationForm } from "./rotation-form.tsx";
import { ConfirmLocations, DistributeChecklist, OldInactive, RetireControls } from "./step-parts.tsx";
import { verdict } from "./verdict.ts";

export function StepPanel({ view, isAdmin, pollSeconds }: { view: RotationView; isAdmin: boolean; pollSeconds: number }) {
  const { rotation, available } = view;
  const state = rotation.state;
  const common = { rotationId: rotation.id, version: rotation.version };
  const parts = { Form: RotationForm, common, view };
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
        <ConfirmLocations
          {...parts}
          keyId={state.oldKeyId}
          intro={`These are the places recorded for key ${state.oldKeyId}. Each becomes a checklist item when the new key is created.`}
          acknowledge="I have checked: this key is used nowhere that needs updating."
        />
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
        <DistributeChecklist
          {...parts}
          intro={`Put new key ${state.newKeyId} in every location below, then redeploy what reads it. Tick each one as you go. keyrotate wrote Secrets Manager and SSM locations itself and ticked them.`}
          beforeTick={(row) =>
            row.store?.failed && (
              <div className="my-2 space-y-2">
                <p className="text-red-700 dark:text-red-300" data-testid="store-write-failed">
                  keyrotate could not write the new key here: {row.store.failed.reason}
                </p>
                <RetryStoreForm rotationId={rotation.id} locationId={row.location.id} label={row.location.identifier} />
              </div>
            )
          }
        />
      );
    case "verify-cutover":
      return <CutoverWatcher rotationId={rotation.id} pollSeconds={pollSeconds} initial={{ ...view.cutover, step: state.step, version: rotation.version }} />;
    case "retire":
      return <RetireControls {...parts} isAdmin={isAdmin} notification={state.notification} deactivateLabel={`Deactivate old key ${state.oldKeyId}`} />;
    case "old-inactive":
      return (
        <OldInactive deactivatedAt={state.deactivatedAt} inactivePeriodMs={view.inactivePeriodMs}>
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
        </OldInactive>
      );
    case "done":
      return <p className="text-sm">Rotation complete {formatDateTime(state.completedAt)}. The old key is deleted.</p>;
    case "cancelled":
      return <p className="text-sm">Cancelled {formatDateTime(state.cancelledAt)}: {state.reason}</p>;
  }
}
