import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table.tsx";
import { RotationForm } from "@/components/rotation/rotation-form.tsx";
import { OutcomeHolder } from "@/components/rotation/outcome-holder.tsx";
import { StepPanel } from "@/components/rotation/step-panel.tsx";
import { Stepper } from "@/components/rotation/stepper.tsx";
import { UsageHistory } from "@/components/rotation/usage-history.tsx";
import { formatDateTime } from "@/components/ui/format.ts";
import { pageActor } from "@/lib/auth/gate.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { listKeyUsage } from "@/lib/db/key-usage.ts";
import { getRotation, rotationPath } from "@/lib/db/rotations.ts";
import { env } from "@/lib/env.ts";
import { isTerminal, stepLabel } from "@/lib/rotation/rules/index.ts";
import { usageHistory } from "@/lib/rotation/usage-history.ts";
import { loadRotationView } from "@/lib/rotation/view.ts";

export const dynamic = "force-dynamic";

export default async function RotationPage({ params }: { params: Promise<{ rotationId: string }> }) {
  const { rotationId } = await params;
  const { actor } = await pageActor("inventory.read", `/rotations/${rotationId}`);
  const view = await loadRotationView(rotationId, actor.role);
  if (!view) {
    // Links that do not know the kind (the dashboard's) land here for an SES SMTP user rotation too.
    const other = await getRotation(rotationId);
    if (other) redirect(rotationPath(other));
    notFound();
  }
  const { rotation } = view;
  const keyIds = [rotation.oldKeyId, rotation.newKeyId].filter((k): k is string => k !== null);
  const [history, samples] = await Promise.all([
    rotation.oldKeyId ? listAudit({ accessKeyId: rotation.oldKeyId, limit: 50 }) : [],
    listKeyUsage(keyIds, rotation.startedAt, rotation.completedAt ?? new Date()),
  ]);
  const cancel = view.available.find((a) => a.type === "cancel");
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href="/" className="underline">
            Keys
          </Link>{" "}
          / Rotation
        </p>
        <h1 className="text-xl font-semibold">Rotating {rotation.userName}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Account {rotation.accountId} · started by {rotation.startedBy} {formatDateTime(rotation.startedAt)} · now: <span data-testid="rotation-step">{stepLabel(rotation.step)}</span>
        </p>
      </div>
      <Stepper current={rotation.step} />
      <OutcomeHolder>
        <section aria-labelledby="step-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="step-heading" className="mb-3 text-lg font-semibold">
            {stepLabel(rotation.step)}
          </h2>
          <StepPanel view={view} isAdmin={actor.role === "admin"} pollSeconds={env().KEYROTATE_POLL_INTERVAL_SECONDS} />
        </section>
        {!isTerminal(rotation.step) && cancel?.allowed && (
          <details className="text-sm">
            <summary className="cursor-pointer">Cancel this rotation</summary>
            <div className="mt-2">
              <RotationForm rotationId={rotation.id} version={rotation.version} type="cancel" label="Cancel rotation" variant="plain">
                <label className="block">
                  Reason
                  <input name="reason" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
                </label>
              </RotationForm>
            </div>
          </details>
        )}
      </OutcomeHolder>
      <UsageHistory rows={usageHistory(samples, rotation.oldKeyId, rotation.newKeyId)} />
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <AuditTable rows={history} caption="What happened to this key" />
      </section>
    </div>
  );
}
