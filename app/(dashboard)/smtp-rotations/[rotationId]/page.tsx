import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RotationFrame } from "@/components/rotation/rotation-frame.tsx";
import { SmtpRotationForm } from "@/components/smtp-rotation/smtp-rotation-form.tsx";
import { SmtpStepPanel } from "@/components/smtp-rotation/smtp-step-panel.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { env } from "@/lib/env.ts";
import { SMTP_ROTATION_STEPS, smtpStepLabel } from "@/lib/rotation/rules/smtp.ts";
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
  return (
    <RotationFrame
      crumb="SES SMTP user rotation"
      title={`Re-creating SES SMTP user ${state.oldUserName}${newUserName ? ` as ${newUserName}` : ""}`}
      rotation={rotation}
      stepLabel={smtpStepLabel(rotation.step)}
      steps={SMTP_ROTATION_STEPS}
      panel={<SmtpStepPanel view={view} isAdmin={actor.role === "admin"} pollSeconds={env().KEYROTATE_POLL_INTERVAL_SECONDS} />}
      Form={SmtpRotationForm}
      available={view.available}
      history={history}
      historyCaption={`What happened to ${state.oldUserName} and its key`}
    />
  );
}
