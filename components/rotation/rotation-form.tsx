"use client";
// One rotation command: a form posting to the advance action with the rotation's version, so a
// stale page is refused instead of acting twice. Shows the outcome, and the new secret once.
import { useActionState, useState, type ReactNode } from "react";
import { advanceRotationAction } from "@/app/(dashboard)/rotations/actions.ts";
import { SecretDialog } from "@/components/keys/secret-dialog.tsx";

type Secret = { accessKeyId: string; secretAccessKey: string; userName: string };

const tone = {
  primary: "bg-blue-700 text-white hover:bg-blue-800",
  danger: "bg-red-700 text-white hover:bg-red-800",
  plain: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
};

export function RotationForm(props: {
  rotationId: string;
  version: number;
  type: string;
  label: string;
  hidden?: Record<string, string>;
  disabledReason?: string | null;
  variant?: keyof typeof tone;
  children?: ReactNode;
}) {
  const [state, action, pending] = useActionState(advanceRotationAction, { ok: false, message: "" });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const secret = (state.result as { secret?: Secret | null } | undefined)?.secret ?? null;
  const showSecret = secret && dismissed !== secret.accessKeyId;
  return (
    <form action={action} className="space-y-2">
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
        className={`rounded px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${tone[props.variant ?? "primary"]}`}
      >
        {pending ? "Working…" : props.label}
      </button>
      {props.disabledReason && <p className="text-sm text-slate-600 dark:text-slate-400">{props.disabledReason}</p>}
      <p aria-live="polite" className={`text-sm ${state.ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}`}>
        {state.message}
      </p>
      {showSecret && <SecretDialog secret={secret} onClose={() => setDismissed(secret.accessKeyId)} />}
    </form>
  );
}
