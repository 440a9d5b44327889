"use client";
// The API tokens page's forms: create a token (shown once, in a dialog), revoke one.
import { useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(dashboard)/tokens/actions.ts";
import { CopyBlock, OnceDialog } from "../keys/once-dialog.tsx";
import { Field, RoleField, SubmitRow, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";
import { RowActionButton, RowNotices } from "../ui/row-notices.tsx";

type Created = { name: string; role: string; token: string };

export function CreateTokenForm() {
  // Held in this component's state only: gone once the dialog closes.
  const [created, setCreated] = useState<Created | null>(null);
  const { state, pending, formRef, onSubmit } = useFormAction(createTokenAction, (s) => {
    if (s.ok && s.result) setCreated(s.result);
  });
  const errors = state.errors ?? {};
  return (
    <>
      <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label="Create an API token">
        <Field label="Name" errors={errors.name} hint="What uses it, such as grafana-exporter or nightly-report.">
          {(p) => <input {...p} name="name" required className={controlClass} />}
        </Field>
        <RoleField label="Role" name="role" defaultValue="viewer" errors={errors.role} hint="Reading the API needs only viewer." />
        <SubmitRow label="Create token" state={state} pending={pending} pendingText="Creating…" />
      </form>
      {created && (
        <OnceDialog
          heading={`API token ${created.name}`}
          warning="This token is shown once. keyrotate stores only a hash of it: copy it now."
          question="Have you stored the token? It cannot be shown again."
          onClose={() => setCreated(null)}
        >
          <CopyBlock label={`Token (role ${created.role})`} what="token" text={created.token} />
          <CopyBlock label="Try it" what="curl command" text={`curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/v1/keys`} />
        </OnceDialog>
      )}
    </>
  );
}

export const TokenNotices = RowNotices;

export function RevokeTokenButton({ name }: { name: string }) {
  return (
    <RowActionButton action={revokeTokenAction} fields={{ name }} label={`Revoke token ${name}`}>
      Revoke
    </RowActionButton>
  );
}
