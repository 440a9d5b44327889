"use client";
// Starts the SES SMTP user rotation from the key page and goes to it. A refusal (someone else started
// first, the user is not an SMTP user after all) is announced beside the button.
import { useRouter } from "next/navigation";
import { startSmtpRotationAction } from "@/app/(dashboard)/smtp-rotations/actions.ts";
import { primaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";

export function StartSmtpRotation({ accountId, userName }: { accountId: string; userName: string }) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction(startSmtpRotationAction, (next) => {
    const rotationId = next.result?.rotationId;
    if (next.ok && rotationId) router.push(`/smtp-rotations/${rotationId}`);
  });
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="userName" value={userName} />
      <button type="submit" disabled={pending} aria-busy={pending} className={primaryButton}>
        Rotate SES SMTP user
      </button>
      <span aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {!pending && !state.ok ? state.message : ""}
      </span>
    </form>
  );
}
