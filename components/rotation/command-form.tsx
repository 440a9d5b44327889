"use client";
// One rotation command, whatever the kind of rotation: a form posting to the kind's advance action with
// the rotation's version, so a stale page is refused instead of acting twice. Outcomes (and whatever the
// reply reveals once) go to the OutcomeHolder.
import type { ReactNode } from "react";
import type { ServerAction } from "@/lib/auth/action.ts";
import { dangerButton, primaryButton, secondaryButton } from "../ui/button.ts";
import { useFormAction } from "../ui/use-form-action.ts";
import { useReportOutcome, type Reveal } from "./outcome-holder.tsx";

const tone = { primary: primaryButton, danger: dangerButton, plain: secondaryButton };

/** What a step panel chooses for each button; the kind's form adds the action. */
export type RotationFormProps = {
  rotationId: string;
  version: number;
  type: string;
  label: string;
  hidden?: Record<string, string>;
  disabledReason?: string | null;
  variant?: keyof typeof tone;
  children?: ReactNode;
};

export function CommandForm<Reply>({ action, reveal, ...props }: RotationFormProps & { action: ServerAction<Reply>; reveal: (reply: Reply) => Reveal | null }) {
  const report = useReportOutcome();
  const { pending, formRef, onSubmit } = useFormAction(action, (next) => {
    report({ ok: next.ok, message: next.message, reveal: next.result === undefined ? null : reveal(next.result) });
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
      <button
        type="submit"
        disabled={pending || !!props.disabledReason}
        className={`${tone[props.variant ?? "primary"]} disabled:cursor-not-allowed`}
      >
        {pending ? "Working…" : props.label}
      </button>
      {props.disabledReason && <p className="text-sm text-slate-600 dark:text-slate-400">{props.disabledReason}</p>}
    </form>
  );
}
