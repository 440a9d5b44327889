"use client";
// An SMTP rotation command: the shared command form, posting to the SMTP rotation's advance action.
// New SMTP credentials are revealed once, in their dialog.
import { advanceSmtpRotationAction } from "@/app/(dashboard)/smtp-rotations/actions.ts";
import type { SmtpCredentials } from "@/lib/rotation/smtp-context.ts";
import { CommandForm, type RotationFormProps } from "../rotation/command-form.tsx";
import type { Reveal } from "../rotation/outcome-holder.tsx";
import { SmtpCredentialsDialog } from "./smtp-credentials-dialog.tsx";

function revealCredentials({ credentials }: { credentials: SmtpCredentials | null }): Reveal | null {
  return credentials && ((close) => <SmtpCredentialsDialog credentials={credentials} onClose={close} />);
}

export function SmtpRotationForm(props: RotationFormProps) {
  return <CommandForm {...props} action={advanceSmtpRotationAction} reveal={revealCredentials} />;
}
