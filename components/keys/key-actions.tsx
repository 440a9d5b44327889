"use client";
// What a person may do with one key, from its row. The server decides `allowed` from the role and
// checks again inside each action; a button not allowed is not shown at all.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { deactivateKeyAction, deleteKeyAction, reactivateKeyAction } from "@/app/(dashboard)/keys/actions.ts";
import { startRotationAction } from "@/app/(dashboard)/rotations/actions.ts";
import type { KeyStatus } from "@/lib/iam/types.ts";
import { MIN_OVERRIDE_REASON_LENGTH } from "@/lib/rotation/rules/index.ts";
import { primaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";
import { Hint } from "../ui/hint.tsx";
import { MoreMenu } from "../ui/more-menu.tsx";
import { ConfirmAction, type ConfirmField } from "./confirm-action.tsx";

export type KeyPermissions = {
  rotate: boolean;
  deactivate: boolean;
  reactivate: boolean;
  delete: boolean;
  /** Shows the admin override reason when deactivating. */
  override?: boolean;
};

export type { Notice } from "../ui/notice-toast.tsx";
import type { Notice } from "../ui/notice-toast.tsx";

type Props = {
  accountId: string;
  userName: string;
  accessKeyId: string;
  status: KeyStatus;
  /** The user's rotation in progress, if any: its page is then the one place to act on the keys. */
  rotationId?: string | null;
  /** Why keyrotate may not change this key's user (protected, out of scope), or null. */
  readOnly?: string | null;
  allowed: KeyPermissions;
  /** Where outcomes are announced when this row may disappear (a deleted key); by default beside the buttons. */
  onNotice?: (notice: Notice) => void;
};

const ACTIVE_DELETE = "Active keys cannot be deleted: deactivate the key, check that nothing breaks, then delete it.";

const NOTIFY_FIELD: ConfirmField = {
  kind: "checkbox",
  name: "proceedWithoutNotice",
  label: "Proceed without notifying 2nd line",
  hint: "Only if the notification fails and you accept acting without telling 2nd line.",
};

const OVERRIDE_FIELD: ConfirmField = {
  kind: "textarea",
  name: "overrideReason",
  label: "Override reason (admins only)",
  hint: `Only when a safety check refuses. At least ${MIN_OVERRIDE_REASON_LENGTH} characters for the audit log: what breaks if we wait, who agreed.`,
};

type Items = {
  rotate: ReactNode;
  deactivate: ReactNode;
  reactivate: ReactNode;
  delete: ReactNode;
};

/** Each action this person may take on this key in its state, or null; Rotate only while the key is Active. */
function actionItems({ accountId, userName, accessKeyId, status, allowed }: Props, report: (s: Notice) => void): Items {
  const hidden = { accessKeyId };
  const of = `${accessKeyId} of user ${userName}`;
  const active = status === "Active";
  return {
    rotate: allowed.rotate && active ? <RotateButton accountId={accountId} userName={userName} onRefused={report} /> : null,
    deactivate:
      allowed.deactivate && active ? (
        <ConfirmAction
          action={deactivateKeyAction}
          hidden={hidden}
          label="Deactivate"
          name={`Deactivate ${accessKeyId}`}
          title={`Deactivate key ${of}?`}
          description={
            <>
              <p>The key becomes Inactive: AWS refuses every request still signed with it.</p>
              <p>2nd line is notified first. keyrotate refuses if the key is still in use; reactivate it to roll back.</p>
            </>
          }
          fields={allowed.override ? [OVERRIDE_FIELD, NOTIFY_FIELD] : [NOTIFY_FIELD]}
          confirmLabel="Deactivate key"
          onSuccess={report}
        />
      ) : null,
    reactivate:
      allowed.reactivate && !active ? (
        <ConfirmAction
          action={reactivateKeyAction}
          hidden={hidden}
          label="Reactivate"
          name={`Reactivate ${accessKeyId}`}
          title={`Reactivate key ${of}?`}
          description={<p>The key becomes Active again, so whatever holds it can use AWS with it. Use this to roll back when something broke.</p>}
          confirmLabel="Reactivate key"
          tone="primary"
          onSuccess={report}
        />
      ) : null,
    delete: !allowed.delete ? null : !active ? (
      <ConfirmAction
        action={deleteKeyAction}
        hidden={hidden}
        label="Delete"
        name={`Delete ${accessKeyId}`}
        title={`Delete key ${of}?`}
        description={
          <>
            <p>IAM deletes the key for good: it cannot be reactivated or recovered.</p>
            <p>2nd line is notified first. keyrotate refuses if something used the key recently.</p>
          </>
        }
        fields={allowed.override ? [OVERRIDE_FIELD, NOTIFY_FIELD] : [NOTIFY_FIELD]}
        confirmLabel="Delete key"
        onSuccess={report}
      />
    ) : (
      <span title={ACTIVE_DELETE} className="cursor-help px-1 text-sm text-slate-500 dark:text-slate-400">
        Delete<span className="sr-only"> unavailable. {ACTIVE_DELETE}</span>
      </span>
    ),
  };
}

/**
 * The key's actions. On its own page every action shows; in a table row (`compact`) the one next step
 * that fits the key's state is the row's button (Rotate an Active key, Delete an Inactive one) and the
 * rest wait in a menu, so a row stays one line of controls.
 */
export function KeyActions(props: Props & { compact?: boolean }) {
  const { userName, rotationId, readOnly, onNotice, compact } = props;
  const [ownNotice, setOwnNotice] = useState<Notice | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const report = (state: Notice) => {
    // The row changed (or went away): its menu has done its job.
    if (state.ok) setMenuOpen(false);
    (onNotice ?? setOwnNotice)({ ok: state.ok, message: state.message });
  };

  if (readOnly) {
    // The server refuses every change to this user; say why instead of offering buttons that fail.
    return compact ? (
      <span data-testid="read-only">
        <Hint label="Read-only" hint={readOnly} className="rounded px-1.5 py-0.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset dark:text-slate-300 dark:ring-slate-600" />
      </span>
    ) : (
      <p className="max-w-xs text-sm text-slate-700 dark:text-slate-300" data-testid="read-only">
        <span className="font-medium">Read-only.</span> {readOnly}
      </p>
    );
  }

  if (rotationId) {
    // The server refuses direct actions on a user mid-rotation, so only the way back to it is offered.
    return (
      <Link
        href={`/rotations/${rotationId}`}
        aria-label={`Continue rotation of ${userName}`}
        className="text-sm font-medium whitespace-nowrap text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
      >
        Continue rotation
      </Link>
    );
  }

  const items = actionItems(props, report);
  const notice = !onNotice && (
    <p aria-live="polite" className={`text-sm ${ownNotice?.ok === false ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
      {ownNotice?.message}
    </p>
  );
  if (!compact) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        {items.rotate}
        {items.deactivate}
        {items.reactivate}
        {items.delete}
        {notice}
      </div>
    );
  }
  const primary = props.status === "Active" ? (items.rotate ?? items.deactivate) : (items.delete ?? items.reactivate);
  const rest = [items.rotate, items.deactivate, items.reactivate, items.delete].filter((item) => item && item !== primary);
  return (
    <div className="flex items-start gap-2 whitespace-nowrap">
      {primary}
      {rest.length > 0 && (
<MoreMenu label={`More actions for ${props.accessKeyId}`} open={menuOpen} onOpenChange={setMenuOpen} items={rest} />
      )}
      {notice}
    </div>
  );
}

function RotateButton({ accountId, userName, onRefused }: { accountId: string; userName: string; onRefused: (s: Notice) => void }) {
  const router = useRouter();
  // Navigate from inside the action: its answer also re-renders this row as "Continue rotation".
  // A refusal (someone else started first) is announced where it outlives this button.
  const { state, pending, onSubmit } = useFormAction(startRotationAction, (next) => {
    const rotationId = next.result?.rotationId;
    if (next.ok && rotationId) router.push(`/rotations/${rotationId}`);
    else if (!next.ok) onRefused(next);
  });
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="userName" value={userName} />
      <button type="submit" disabled={pending} aria-busy={pending} aria-label={`Rotate ${userName}`} className={primaryButton}>
        Rotate
      </button>
      <span aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {!pending && !state.ok ? state.message : ""}
      </span>
    </form>
  );
}
