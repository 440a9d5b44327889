import { notFound, redirect } from "next/navigation";
import { RotationForm } from "@/components/rotation/rotation-form.tsx";
import { RotationFrame } from "@/components/rotation/rotation-frame.tsx";
import { StepPanel } from "@/components/rotation/step-panel.tsx";
import { UsageHistory } from "@/components/rotation/usage-history.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { listKeyUsage } from "@/lib/db/key-usage.ts";
import { getRotation, rotationPath } from "@/lib/db/rotations.ts";
import { env } from "@/lib/env.ts";
import { stepLabel } from "@/lib/rotation/rules/index.ts";
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
  return (
    <RotationFrame
      crumb="Rotation"
      title={`Rotating ${rotation.userName}`}
      rotation={rotation}
      stepLabel={stepLabel(rotation.step)}
      panel={<StepPanel view={view} isAdmin={actor.role === "admin"} pollSeconds={env().KEYROTATE_POLL_INTERVAL_SECONDS} />}
      Form={RotationForm}
      available={view.available}
      history={history}
      historyCaption="What happened to this key"
    >
      <UsageHistory rows={usageHistory(samples, rotation.oldKeyId, rotation.newKeyId)} />
    </RotationFrame>
  );
}
