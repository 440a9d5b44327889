"use client";
// Grants an exemption: which flag, this key or every key of its user, why, and the day the flag returns.
import { exemptKeyAction } from "@/app/(dashboard)/exemptions/actions.ts";
import { FLAGS, FLAG_INFO } from "@/lib/inventory/flags.ts";
import { Field, SubmitRow, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";

type Props = { accessKeyId: string; userName: string; earliest: string; latest: string };

export function ExemptionForm({ accessKeyId, userName, earliest, latest }: Props) {
  const { state, pending, formRef, onSubmit } = useFormAction(exemptKeyAction);
  const errors = state.errors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="accessKeyId" value={accessKeyId} />
      <Field label="Flag" errors={errors.flag}>
        {(p) => (
          <select {...p} name="flag" defaultValue="overdue" className={controlClass}>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {FLAG_INFO[f].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Applies to" errors={errors.scope}>
        {(p) => (
          <select {...p} name="scope" defaultValue="key" className={controlClass}>
            <option value="key">This key</option>
            <option value="user">Every key of {userName}</option>
          </select>
        )}
      </Field>
      <Field label="Reason" errors={errors.reason} hint="Shown wherever the key is, and in the audit log." className="sm:col-span-2">
        {(p) => <textarea {...p} name="reason" rows={2} maxLength={500} className={controlClass} />}
      </Field>
      <Field label="Flag returns on" errors={errors.expiresOn} hint={`At most a year: ${latest} at the latest.`}>
        {(p) => <input {...p} name="expiresOn" type="date" min={earliest} max={latest} className={controlClass} />}
      </Field>
      <SubmitRow label="Grant exemption" state={state} pending={pending} pendingText="Saving…" />
    </form>
  );
}
