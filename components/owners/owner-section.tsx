// The key page's "Owner" section: the IAM user's owning team and contact, and where that came from.
import { describeSource, type Owner } from "@/lib/owners/resolve.ts";
import { OwnerForm } from "./owner-form.tsx";

type Props = { accessKeyId: string; userName: string; owner: Owner | null; canEdit: boolean };

export function OwnerSection({ accessKeyId, userName, owner, canEdit }: Props) {
  const fromDashboard = owner?.source === "dashboard";
  return (
    <section aria-labelledby="owner-heading" className="space-y-3">
      <h2 id="owner-heading" className="text-lg font-semibold">
        Owner
      </h2>
      {owner ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">Team</dt>
          <dd>{owner.team ?? "none recorded"}</dd>
          <dt className="font-medium">Contact</dt>
          <dd>{owner.contact ?? "none recorded: reminders go to the webhook only"}</dd>
          <dt className="font-medium">Source</dt>
          <dd>{describeSource(owner.source)}</dd>
        </dl>
      ) : (
        <p className="text-sm">No owner recorded for {userName}: reminders go to the webhook only.</p>
      )}
      {canEdit && (
        <div className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h3 className="mb-3 font-semibold">{owner ? "Change the owner" : "Set the owner"}</h3>
          <OwnerForm accessKeyId={accessKeyId} team={fromDashboard ? owner.team : null} contact={fromDashboard ? owner.contact : null} />
        </div>
      )}
    </section>
  );
}
