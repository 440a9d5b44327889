"use client";
// The accounts page's forms: add an account (assumed role or the credentials' own), remove one.
import { addAccountAction, removeAccountAction } from "@/app/(dashboard)/accounts/actions.ts";
import { ROLES } from "@/lib/auth/roles.ts";
import { primaryButton } from "../ui/button.ts";
import { Field, FormMessage, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";
import { RowActionButton, RowNotices } from "../ui/row-notices.tsx";

export function AddAccountForm() {
  const { state, pending, formRef, onSubmit } = useFormAction(addAccountAction);
  const errors = state.errors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label="Add an account">
      <Field label="Name" errors={errors.name} hint="Such as production, staging or integration.">
        {(p) => <input {...p} name="name" required className={controlClass} />}
      </Field>
      <Field label="Role ARN" errors={errors.roleArn} hint="Empty: the account keyrotate's own credentials belong to.">
        {(p) => <input {...p} name="roleArn" placeholder="arn:aws:iam::123456789012:role/keyrotate" className={`${controlClass} font-mono`} />}
      </Field>
      <Field label="External id" errors={errors.externalId} hint="Only if the role's trust policy asks for one.">
        {(p) => <input {...p} name="externalId" className={controlClass} />}
      </Field>
      <Field label="Least role to change keys" errors={errors.changeRole}>
        {(p) => (
          <select {...p} name="changeRole" defaultValue="rotator" className={controlClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Checking the role…" : "Add account"}
        </button>
        <FormMessage state={state} pending={pending} pendingText="Assuming the role to learn the account…" />
      </div>
    </form>
  );
}

export const AccountNotices = RowNotices;

export function RemoveAccountButton({ name }: { name: string }) {
  return (
    <RowActionButton action={removeAccountAction} fields={{ name }} label={`Remove account ${name}`}>
      Remove
    </RowActionButton>
  );
}
