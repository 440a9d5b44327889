// The SES SMTP user rotation's last steps: tell 2nd line and deactivate the old user, wait out the
// inactive period (reactivating rolls back), remove the old user in IAM's order, and the outcome.
import Link from "next/link";
import type { SmtpRotationView } from "@/lib/rotation/smtp-view.ts";
import { describeDeletionStep } from "@/lib/iam/user-deletion-plan.ts";
import type { RemovalRecord } from "@/lib/rotation/rules/smtp.ts";
import { formatDateTime } from "../ui/format.ts";
import { SmtpRotationForm } from "./smtp-rotation-form.tsx";
import { OldInactive, RetireControls } from "../rotation/step-parts.tsx";
import { verdict } from "../rotation/verdict.ts";

const ORDER =
  "deactivate, then delete its access keys; remove it from its groups; detach its managed policies and delete its inline policies; delete its " +
  "console password, signing certificates, SSH keys, service-specific credentials and MFA devices where present; then the user itself.";

function describe(record: RemovalRecord, userName: string): string {
  const text = describeDeletionStep(record.step, userName);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Removal({ removed, userName }: { removed: RemovalRecord[]; userName: string }) {
  if (removed.length === 0) return null;
  return (
    <ol aria-label={`Removal of ${userName}`} className="list-decimal space-y-1 pl-6">
      {removed.map((r, i) => (
        <li key={i}>
          {describe(r, userName)} — {r.outcome === "done" ? "done" : "already gone"} <span className="text-slate-500 dark:text-slate-400">{formatDateTime(r.at)}</span>
        </li>
      ))}
    </ol>
  );
}

export function SmtpRetirePanel({ view, isAdmin }: { view: SmtpRotationView; isAdmin: boolean }) {
  const { rotation, available } = view;
  const state = rotation.state;
  const common = { rotationId: rotation.id, version: rotation.version };

  switch (state.step) {
    case "retire":
      return (
        <RetireControls Form={SmtpRotationForm} common={common} view={view} isAdmin={isAdmin} notification={state.notification} deactivateLabel={`Deactivate old user ${state.oldUserName}`}>
          <p>Deactivating makes the old user&apos;s keys Inactive: its SMTP password stops working. Reactivating rolls back.</p>
        </RetireControls>
      );
    case "old-inactive":
      return (
        <OldInactive deactivatedAt={state.deactivatedAt} inactivePeriodMs={view.inactivePeriodMs}>
          <p>
            {state.oldUserName} is Inactive since {formatDateTime(state.deactivatedAt)}
            {state.overrideReason ? ` (admin override: ${state.overrideReason})` : ""}. If anything broke, reactivate it: that rolls back.
          </p>
          <p>Removing it deletes, in the order IAM requires: {ORDER}</p>
          <SmtpRotationForm {...common} type="reactivate-old" label={`Reactivate old user ${state.oldUserName} (roll back)`} variant="plain" />
          <SmtpRotationForm {...common} type="remove-old-user" label={`Remove old user ${state.oldUserName}`} variant="danger" disabledReason={verdict(available, "remove-old-user")} />
        </OldInactive>
      );
    case "remove-old-user":
      return (
        <div className="space-y-3 text-sm">
          <p role="status">
            Removing {state.oldUserName}, started {formatDateTime(state.removalStartedAt)}: {state.removed.length} step(s) done. If this stopped half-way,
            continue: keyrotate reads what IAM still holds and carries on from there.
          </p>
          <Removal removed={state.removed} userName={state.oldUserName} />
          <SmtpRotationForm {...common} type="remove-old-user" label={`Continue removing ${state.oldUserName}`} variant="danger" disabledReason={verdict(available, "remove-old-user")} />
          {state.removed.length === 0 && <SmtpRotationForm {...common} type="reactivate-old" label={`Reactivate old user ${state.oldUserName} (roll back)`} variant="plain" />}
        </div>
      );
    case "done":
      return (
        <div className="space-y-3 text-sm">
          <p>
            Rotation complete {formatDateTime(state.completedAt)}. {state.oldUserName} is deleted; {state.newUserName} carries the SMTP credentials (
            <Link href={`/keys/${state.newKeyId}`} className="text-blue-700 underline dark:text-blue-300">
              key {state.newKeyId}
            </Link>
            ).
          </p>
          <Removal removed={state.removed} userName={state.oldUserName} />
        </div>
      );
    case "cancelled":
      return (
        <p className="text-sm">
          Cancelled {formatDateTime(state.cancelledAt)}: {state.reason}
          {state.newUserName &&
            (state.cancelledFrom === "create-user"
              ? ` Creating ${state.newUserName} was started: check in IAM whether it exists as a copy of ${state.oldUserName} before deleting anything.`
              : ` ${state.newUserName} was kept${state.newKeyId ? ` with key ${state.newKeyId}` : ""}: delete it in IAM if nothing uses it.`)}
        </p>
      );
    default:
      return null;
  }
}
