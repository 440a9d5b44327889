"use client";
// Creates an access key for a user and shows its secret once. The secret lives only in this
// component's state, never in the action's remembered answer, and is dropped when the dialog closes.
import { useState } from "react";
import { createKeyAction } from "@/app/(dashboard)/key-actions.ts";
import type { ActionState } from "@/lib/auth/action.ts";
import { primaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";
import { newSecretOf, type NewSecret } from "./action-results.ts";
import { SecretDialog } from "./secret-dialog.tsx";

export function CreateKeyButton({ accountId, userName }: { accountId: string; userName: string }) {
  const [secret, setSecret] = useState<NewSecret | null>(null);

  async function createWithoutKeeping(prev: ActionState, form: FormData): Promise<ActionState> {
    const { result, ...answer } = await createKeyAction(prev, form);
    const created = answer.ok ? newSecretOf(result) : null;
    if (created) setSecret(created);
    return answer;
  }

  const { state, pending, onSubmit } = useFormAction(createWithoutKeeping);
  return (
    <>
      <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-3">
        <input type="hidden" name="accountId" value={accountId} />
        <input type="hidden" name="userName" value={userName} />
        <button type="submit" disabled={pending} aria-busy={pending} aria-label={`Create access key for ${userName}`} className={primaryButton}>
          Create access key
        </button>
        <span aria-live="polite" className={`text-sm ${state.ok || pending ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`}>
          {pending ? "Creating…" : state.message}
        </span>
      </form>
      {secret && <SecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
