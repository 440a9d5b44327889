"use client";
// Sets the owning team and contact of a key's IAM user; both blank clears what the dashboard set.
import { setOwnerAction } from "@/app/(dashboard)/owners/actions.ts";
import { Field, SubmitRow, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";

type Props = { accessKeyId: string; team: string | null; contact: string | null };

export function OwnerForm({ accessKeyId, team, contact }: Props) {
  const { state, pending, formRef, onSubmit } = useFormAction(setOwnerAction);
  const errors = state.errors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="accessKeyId" value={accessKeyId} />
      <Field label="Owning team" errors={errors.team} hint="e.g. payments. Blank both fields to clear.">
        {(p) => <input {...p} name="team" defaultValue={team ?? ""} autoComplete="off" className={controlClass} />}
      </Field>
      <Field label="Contact email" errors={errors.contact} hint="Reminders are sent here.">
        {(p) => <input {...p} name="contact" type="email" defaultValue={contact ?? ""} autoComplete="off" className={controlClass} />}
      </Field>
      <SubmitRow label="Save owner" state={state} pending={pending} pendingText="Saving…" />
    </form>
  );
}
