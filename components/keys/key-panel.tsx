// The key page's actions: the rotation in progress for its user, or what may be done to the key.
import Link from "next/link";
import type { StoredKey } from "@/lib/db/keys.ts";
import type { RotationRecord } from "@/lib/db/rotations.ts";
import { stepLabel } from "@/lib/rotation/rules/index.ts";
import { KeyActions, type KeyPermissions } from "./key-actions.tsx";

type Props = { storedKey: StoredKey; rotation: RotationRecord | null; allowed: KeyPermissions; readOnly: string | null };

export function KeyPanel({ storedKey, rotation, allowed, readOnly }: Props) {
  return (
    <section aria-labelledby="key-actions-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="key-actions-heading" className="mb-2 text-lg font-semibold">
        Rotation and actions
      </h2>
      {rotation ? (
        <p className="text-sm">
          {storedKey.userName} is being rotated (step: {stepLabel(rotation.step)}, started by {rotation.startedBy}).{" "}
          <Link href={`/rotations/${rotation.id}`} className="font-medium text-blue-700 underline dark:text-blue-300">
            Open the rotation
          </Link>
        </p>
      ) : (
        <KeyActions
          accountId={storedKey.accountId}
          userName={storedKey.userName}
          accessKeyId={storedKey.accessKeyId}
          status={storedKey.status}
          readOnly={readOnly}
          allowed={allowed}
        />
      )}
    </section>
  );
}
