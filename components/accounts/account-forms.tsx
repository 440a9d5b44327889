"use client";
// The accounts page's forms: add an account (assumed role or the credentials' own), remove one.
import { addAccountAction, removeAccountAction } from "@/app/(dashboard)/accounts/actions.ts";
import { Field, RoleField, SubmitRow, controlClass } from "../ui/field.tsx";
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
      <RoleField label="Least role to change keys" name="changeRole" defaultValue="rotator" errors={errors.changeRole} />
      <SubmitRow label="Add account" busyLabel="Checking the role…" state={state} pending={pending} pendingText="Assuming the role to learn the account…" />
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
