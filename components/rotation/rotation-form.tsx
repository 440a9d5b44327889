"use client";
// A key rotation command: the shared command form, posting to the key rotation's advance action.
// A just-created secret is revealed once, in the SecretDialog.
import { advanceRotationAction } from "@/app/(dashboard)/rotations/actions.ts";
import type { NewSecret } from "@/lib/iam/types.ts";
import { SecretDialog } from "../keys/secret-dialog.tsx";
import { CommandForm, type RotationFormProps } from "./command-form.tsx";
import type { Reveal } from "./outcome-holder.tsx";

function revealSecret({ secret }: { secret: NewSecret | null }): Reveal | null {
  return secret && ((close) => <SecretDialog secret={secret} onClose={close} />);
}

export function RotationForm(props: RotationFormProps) {
  return <CommandForm {...props} action={advanceRotationAction} reveal={revealSecret} />;
}
