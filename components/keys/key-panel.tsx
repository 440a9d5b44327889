// The key page's actions: the rotation in progress for its user, or what may be done to the key. An SES
// SMTP user's credentials are replaced by re-creating the user, so it is offered that instead of Rotate.
import Link from "next/link";
import type { StoredKey } from "@/lib/db/keys.ts";
import { rotationPath, type RotationRecord } from "@/lib/db/rotations.ts";
import { stepLabel } from "@/lib/rotation/rules/index.ts";
import { smtpStepLabel } from "@/lib/rotation/rules/smtp.ts";
import { StartSmtpRotation } from "../smtp-rotation/start-smtp-rotation.tsx";
import { KeyActions, type KeyPermissions } from "./key-actions.tsx";

type Props = {
  storedKey: StoredKey;
  rotation: RotationRecord | null;
  allowed: KeyPermissions;
  readOnly: string | null;
  /** The key's user is an SES SMTP user by configuration (KEYROTATE_SMTP_USER_*). */
  smtpUser?: boolean;
};

function InProgress({ storedKey, rotation }: { storedKey: StoredKey; rotation: RotationRecord }) {
  const smtp = rotation.kind === "smtp-user";
  const label = smtp ? smtpStepLabel(rotation.step) : stepLabel(rotation.step);
  const created = smtp && rotation.iamUserId !== storedKey.iamUserId;
  return (
    <p className="text-sm">
      {created
        ? `${storedKey.userName} was created by the SES SMTP user rotation of ${rotation.userName}, still in progress (step: ${label}).`
        : `${storedKey.userName} is being ${smtp ? "re-created as an SES SMTP user" : "rotated"} (step: ${label}, started by ${rotation.startedBy}).`}{" "}
      <Link href={rotationPath(rotation)} className="font-medium text-blue-700 underline dark:text-blue-300">
        Open the rotation
      </Link>
    </p>
  );
}

export function KeyPanel({ storedKey, rotation, allowed, readOnly, smtpUser = false }: Props) {
  const offerSmtp = smtpUser && !readOnly && allowed.rotate;
  return (
    <section aria-labelledby="key-actions-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="key-actions-heading" className="mb-2 text-lg font-semibold">
        Rotation and actions
      </h2>
      {rotation ? (
        <InProgress storedKey={storedKey} rotation={rotation} />
      ) : (
        <div className="space-y-3">
          {smtpUser && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <span className="font-medium">SES SMTP user.</span> Its SMTP credentials are replaced by re-creating the user under today&apos;s date with the
              same permissions; the old user is deleted once nothing uses it.
            </p>
          )}
          {offerSmtp && <StartSmtpRotation accountId={storedKey.accountId} userName={storedKey.userName} />}
          <KeyActions
            accountId={storedKey.accountId}
            userName={storedKey.userName}
            accessKeyId={storedKey.accessKeyId}
            status={storedKey.status}
            readOnly={readOnly}
            allowed={smtpUser ? { ...allowed, rotate: false } : allowed}
          />
        </div>
      )}
    </section>
  );
}
