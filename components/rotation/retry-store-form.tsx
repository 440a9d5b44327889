"use client";
// Writes the new key into a store again after keyrotate's write failed. keyrotate kept no copy of the secret:
// the person pastes the one shown to them (never stored; the field is cleared once the write succeeds).
import { retryStoreWriteAction } from "@/app/(dashboard)/rotations/actions.ts";
import { primaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";
import { useReportOutcome } from "./outcome-holder.tsx";

export function RetryStoreForm({ rotationId, locationId, label }: { rotationId: string; locationId: string; label: string }) {
  const report = useReportOutcome();
  const { state, pending, formRef, onSubmit } = useFormAction(retryStoreWriteAction, (next) => {
    report({ ok: next.ok && next.result?.ok === true, message: next.message });
  });
  const fieldId = `retry-secret-${locationId}`;
  const error = state.errors?.secretAccessKey?.[0];
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="rotationId" value={rotationId} />
      <input type="hidden" name="locationId" value={locationId} />
      <label htmlFor={fieldId} className="block">
        The new key&apos;s secret access key, as shown to you once (keyrotate kept no copy)
      </label>
      <input
        id={fieldId}
        name="secretAccessKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <p id={`${fieldId}-error`} aria-live="polite" className="text-sm text-red-700 dark:text-red-300">
        {error}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButton} disabled:cursor-not-allowed`}>
        {pending ? "Writing…" : `Retry writing ${label}`}
      </button>
    </form>
  );
}
