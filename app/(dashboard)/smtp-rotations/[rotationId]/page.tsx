import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table.tsx";
import { Stepper } from "@/components/rotation/stepper.tsx";
import { SmtpOutcomeHolder } from "@/components/smtp-rotation/smtp-outcome-holder.tsx";
import { SmtpRotationForm } from "@/components/smtp-rotation/smtp-rotation-form.tsx";
import { SmtpStepPanel } from "@/components/smtp-rotation/smtp-step-panel.tsx";
import { controlClass } from "@/components/ui/field.tsx";
import { formatDateTime } from "@/components/ui/format.ts";
import { pageActor } from "@/lib/auth/gate.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { env } from "@/lib/env.ts";
import { SMTP_ROTATION_STEPS, isSmtpTerminal, smtpStepLabel } from "@/lib/rotation/rules/smtp.ts";
import { loadSmtpRotationView } from "@/lib/rotation/smtp-view.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "SES SMTP user rotation · keyrotate" };

export default async function SmtpRotationPage({ params }: { params: Promise<{ rotationId: string }> }) {
  const { rotationId } = await params;
  const { actor } = await pageActor("inventory.read", `/smtp-rotations/${rotationId}`);
  const view = await loadSmtpRotationView(rotationId, actor.role);
  if (!view) notFound();
  const { rotation } = view;
  const state = rotation.state;
  const newUserName = "newUserName" in state ? state.newUserName : null;
  // Every record of this rotation names the old user's key (the removal's own steps included).
  const history = rotation.oldKeyId ? await listAudit({ accessKeyId: rotation.oldKeyId, limit: 100 }) : [];
  const cancel = view.available.find((a) => a.type === "cancel");
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href="/" className="underline">
            Keys
          </Link>{" "}
          / SES SMTP user rotation
        </p>
        <h1 className="text-xl font-semibold">
          Re-creating SES SMTP user {state.oldUserName}
          {newUserName ? ` as ${newUserName}` : ""}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Account {rotation.accountId} · started by {rotation.startedBy} {formatDateTime(rotation.startedAt)} · now:{" "}
          <span data-testid="rotation-step">{smtpStepLabel(rotation.step)}</span>
        </p>
      </div>
      <Stepper current={rotation.step} steps={SMTP_ROTATION_STEPS} />
      <SmtpOutcomeHolder>
        <section aria-labelledby="step-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="step-heading" className="mb-3 text-lg font-semibold">
            {smtpStepLabel(rotation.step)}
          </h2>
          <SmtpStepPanel view={view} isAdmin={actor.role === "admin"} pollSeconds={env().KEYROTATE_POLL_INTERVAL_SECONDS} />
        </section>
        {!isSmtpTerminal(rotation.step) && cancel?.allowed && (
          <details className="text-sm">
            <summary className="cursor-pointer">Cancel this rotation</summary>
            <div className="mt-2">
              <SmtpRotationForm rotationId={rotation.id} version={rotation.version} type="cancel" label="Cancel rotation" variant="plain">
                <label className="block">
                  Reason
                  <input name="reason" required className={controlClass} />
                </label>
              </SmtpRotationForm>
            </div>
          </details>
        )}
      </SmtpOutcomeHolder>
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <AuditTable rows={history} caption={`What happened to ${state.oldUserName} and its key`} />
      </section>
    </div>
  );
}
