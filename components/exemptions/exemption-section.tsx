// The key page's "Exemptions" section: the exemptions of this key and of its user, in force and past, and
// (for an admin) the form granting one and a button ending each one in force.
import { endExemptionAction } from "@/app/(dashboard)/exemptions/actions.ts";
import type { StoredExemption } from "@/lib/db/exemptions.ts";
import { MAX_EXEMPTION_DAYS } from "@/lib/exemptions/schema.ts";
import { inForce } from "@/lib/inventory/exemptions.ts";
import { FLAG_INFO } from "@/lib/inventory/flags.ts";
import { formatDate } from "../ui/format.ts";
import { RowActionButton, RowNotices } from "../ui/row-notices.tsx";
import { DataTable, cell } from "../ui/table.tsx";
import { ExemptionForm } from "./exemption-form.tsx";

type Props = { accessKeyId: string; userName: string; exemptions: StoredExemption[]; canEdit: boolean; now: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

function state(e: StoredExemption, now: Date): string {
  if (e.endedAt) return `ended ${formatDate(e.endedAt)} by ${e.endedBy ?? "unknown"}`;
  return inForce(e, now) ? "in force" : "expired";
}

export function ExemptionSection({ accessKeyId, userName, exemptions, canEdit, now }: Props) {
  const mine = exemptions.filter((e) => e.accessKeyId === null || e.accessKeyId === accessKeyId);
  return (
    <section aria-labelledby="exemptions-heading" className="space-y-3">
      <h2 id="exemptions-heading" className="text-lg font-semibold">
        Exemptions
      </h2>
      {mine.length === 0 ? (
        <p className="text-sm">No exemption: every flag applies to this key.</p>
      ) : (
        <RowNotices>
          <DataTable caption={`Exemptions of key ${accessKeyId} and of ${userName}`} columns={["Flag", "Applies to", "Reason", "Until", "Granted by", "State", ""]}>
            {mine.map((e) => (
              <tr key={e.id} data-exemption={e.flag}>
                <td className={cell}>{FLAG_INFO[e.flag].label}</td>
                <td className={cell}>{e.accessKeyId ? "this key" : `every key of ${userName}`}</td>
                <td className={`${cell} whitespace-pre-line`}>{e.reason}</td>
                <td className={`${cell} whitespace-nowrap`}>{formatDate(e.expiresAt)}</td>
                <td className={cell}>{e.createdBy}</td>
                <td className={cell}>{state(e, now)}</td>
                <td className={cell}>
                  {canEdit && inForce(e, now) && (
                    <RowActionButton action={endExemptionAction} fields={{ id: e.id }} label={`End exemption from ${FLAG_INFO[e.flag].label}`}>
                      End exemption
                    </RowActionButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </RowNotices>
      )}
      {canEdit && (
        <div className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h3 className="mb-3 font-semibold">Grant an exemption</h3>
          <ExemptionForm accessKeyId={accessKeyId} userName={userName} earliest={formatDate(new Date(now.getTime() + DAY_MS))} latest={formatDate(new Date(now.getTime() + MAX_EXEMPTION_DAYS * DAY_MS))} />
        </div>
      )}
    </section>
  );
}
