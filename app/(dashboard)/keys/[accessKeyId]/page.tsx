import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AuditTable } from "@/components/audit/audit-table.tsx";
import { KeyFacts } from "@/components/keys/key-facts.tsx";
import { KeyPanel } from "@/components/keys/key-panel.tsx";
import { KeyUsage } from "@/components/keys/key-usage.tsx";
import { ExemptionSection } from "@/components/exemptions/exemption-section.tsx";
import { GapTable } from "@/components/locations/gap-table.tsx";
import { LocationsSection } from "@/components/locations/locations-section.tsx";
import { OwnerSection } from "@/components/owners/owner-section.tsx";
import { ReminderTable } from "@/components/reminders/reminder-table.tsx";
import { HeadedSection } from "@/components/ui/headed-section.tsx";
import { PanelSkeleton } from "@/components/ui/panel-skeleton.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { currentScope } from "@/lib/auth/scope-config.ts";
import { scopeOf } from "@/lib/auth/scope.ts";
import { can, keyPermissions } from "@/lib/auth/roles.ts";
import { listAudit } from "@/lib/db/audit.ts";
import { listExemptionsOfUser } from "@/lib/db/exemptions.ts";
import { findKey } from "@/lib/db/keys.ts";
import { findActiveRotation } from "@/lib/db/rotations.ts";
import { listLocations } from "@/lib/db/locations.ts";
import { listReminders } from "@/lib/db/reminders.ts";
import { discoveryGaps } from "@/lib/discovery/runs.ts";
import { thresholds } from "@/lib/env.ts";
import { accessKeyIdSchema } from "@/lib/iam/schemas.ts";
import { exemptionsOf } from "@/lib/inventory/exemptions.ts";
import { toKeyRow } from "@/lib/inventory/key-rows.ts";
import { isSmtpUserFromConfig } from "@/lib/inventory/smtp-users.ts";
import { ownerOfKey } from "@/lib/owners/key-owner.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ accessKeyId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).accessKeyId} · keyrotate` };
}

export default async function KeyPage({ params }: Props) {
  const raw = (await params).accessKeyId;
  const { actor } = await pageActor("inventory.read", `/keys/${encodeURIComponent(raw)}`);
  const parsed = accessKeyIdSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const accessKeyId = parsed.data;
  const key = await findKey(accessKeyId);
  if (!key) notFound();
  const now = new Date();
  const [rotation, scope, owner, exemptions] = await Promise.all([
    findActiveRotation(key.iamUserId),
    currentScope(),
    ownerOfKey(key),
    listExemptionsOfUser(key.accountId, key.userName),
  ]);
  const verdict = scopeOf({ accountId: key.accountId, userName: key.userName, path: key.userPath, tags: key.userTags }, scope);
  const t = thresholds();
  const row = toKeyRow(key, now, t, exemptionsOf(key, exemptions, now));
  return (
    <div className="space-y-6">
      <div>
        <Link href="/" className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          ← All keys
        </Link>
        <h1 className="mt-1 text-xl font-semibold">
          {key.userName} <span className="font-mono text-base text-slate-600 dark:text-slate-300">{key.accessKeyId}</span>
        </h1>
      </div>
      <KeyFacts row={row} accountName={key.accountName} thresholds={t} />
      <KeyPanel
        storedKey={key}
        rotation={rotation}
        allowed={keyPermissions(actor.role)}
        readOnly={verdict.managed ? null : verdict.reason}
        smtpUser={isSmtpUserFromConfig({ userName: key.userName, path: key.userPath, tags: key.userTags })}
      />
      <OwnerSection accessKeyId={accessKeyId} userName={key.userName} owner={owner} canEdit={can(actor.role, "owners.write")} />
      <ExemptionSection accessKeyId={accessKeyId} userName={key.userName} exemptions={exemptions} canEdit={can(actor.role, "exemptions.manage")} now={now} />
      <Suspense fallback={<PanelSkeleton label="Loading the key's locations" rows={3} />}>
        <Locations accessKeyId={accessKeyId} canEdit={verdict.managed && can(actor.role, "location.write")} />
      </Suspense>
      <Suspense fallback={null}>
        <Gaps iamUserId={key.iamUserId} />
      </Suspense>
      <KeyUsage accessKeyId={accessKeyId} canRecord={verdict.managed && can(actor.role, "location.write")} />
      <Suspense fallback={<PanelSkeleton label="Loading the key's reminders" rows={2} />}>
        <Reminders accessKeyId={accessKeyId} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton label="Loading the key's history" />}>
        <History accessKeyId={accessKeyId} />
      </Suspense>
    </div>
  );
}

async function Locations({ accessKeyId, canEdit }: { accessKeyId: string; canEdit: boolean }) {
  return <LocationsSection accessKeyId={accessKeyId} locations={await listLocations({ accessKeyId })} canEdit={canEdit} />;
}

/** Shown only when the latest discoveries disagree with this user's recorded locations. */
async function Gaps({ iamUserId }: { iamUserId: string }) {
  const gaps = await discoveryGaps({ iamUserId });
  if (gaps.length === 0) return null;
  return (
    <HeadedSection id="gaps" title="Discovery gaps">
      <p className="text-sm text-slate-600 dark:text-slate-400">The latest discovery of these places disagrees with the recorded locations.</p>
      <GapTable gaps={gaps} caption="Where the recorded locations disagree with the latest discovery" showKey={false} />
    </HeadedSection>
  );
}

async function Reminders({ accessKeyId }: { accessKeyId: string }) {
  const reminders = await listReminders({ accessKeyId, limit: 20 });
  return (
    <HeadedSection id="reminders" title="Reminders">
      <ReminderTable reminders={reminders} caption={`Reminders sent about key ${accessKeyId}`} />
    </HeadedSection>
  );
}

async function History({ accessKeyId }: { accessKeyId: string }) {
  const history = await listAudit({ accessKeyId, limit: 100 });
  return (
    <HeadedSection id="history" title="History">
      <AuditTable rows={history} caption={`What happened to key ${accessKeyId}`} />
    </HeadedSection>
  );
}
