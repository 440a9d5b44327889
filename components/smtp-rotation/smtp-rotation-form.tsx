"use client";
// One SMTP rotation command: a form posting to the advance action with the rotation's version, so a
// stale page is refused instead of acting twice. Outcomes (and new credentials) go to the holder.
import type { ReactNode } from "react";
import { advanceSmtpRotationAction } from "@/app/(dashboard)/smtp-rotations/actions.ts";
import { dangerButton, primaryButton, secondaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";
import { useReportSmtpOutcome } from "./smtp-outcome-holder.tsx";

const tone = { primary: primaryButton, danger: dangerButton, plain: secondaryButton };

export function SmtpRotationForm(props: {
  rotationId: string;
  version: number;
  type: string;
  label: string;
  hidden?: Record<string, string>;
  disabledReason?: string | null;
  variant?: keyof typeof tone;
  children?: ReactNode;
}) {
  const report = useReportSmtpOutcome();
  const { pending, formRef, onSubmit } = useFormAction(advanceSmtpRotationAction, (next) => {
    report({ ok: next.ok, message: next.message, credentials: next.result?.credentials });
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="rotationId" value={props.rotationId} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name="type" value={props.type} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.children}
      <button type="submit" disabled={pending || !!props.disabledReason} className={`${tone[props.variant ?? "primary"]} disabled:cursor-not-allowed`}>
        {pending ? "Working…" : props.label}
      </button>
      {props.disabledReason && <p className="text-sm text-slate-600 dark:text-slate-400">{props.disabledReason}</p>}
    </form>
  );
}
