import type { Metadata } from "next";
import { AccountNotices, AddAccountForm, RemoveAccountButton } from "@/components/accounts/account-forms.tsx";
import { formatDateTime } from "@/components/ui/format.ts";
import { DataTable, cell } from "@/components/ui/table.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { can } from "@/lib/auth/roles.ts";
import { listConfiguredAccounts } from "@/lib/db/accounts.ts";

export const metadata: Metadata = { title: "Accounts · keyrotate" };
export const dynamic = "force-dynamic";

export default async function AccountsPage() {
  const { actor } = await pageActor("inventory.read", "/accounts");
  const admin = can(actor.role, "accounts.manage");
  const accounts = await listConfiguredAccounts({ includeRemoved: true });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Accounts</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          The AWS accounts keyrotate manages. With no account configured, it manages the account its own credentials belong to, as
          &ldquo;default&rdquo;.
        </p>
      </div>
      <AccountNotices>
        {accounts.length === 0 ? (
          <p className="text-sm">No account configured yet: the first sync adds the credentials&apos; own account as &ldquo;default&rdquo;.</p>
        ) : (
          <DataTable columns={["Name", "Account id", "Reached through", "Least role to change keys", "Last-used data as of", ""]} caption="Managed accounts">
            {accounts.map((a) => (
              <tr key={a.id} className={a.removedAt ? "text-slate-600 dark:text-slate-400" : undefined}>
                <td className={`${cell} font-medium`}>
                  {a.name}
                  {a.removedAt && <span className="ml-2 text-xs">(removed {formatDateTime(a.removedAt)})</span>}
                </td>
                <td className={`${cell} font-mono text-xs`}>{a.id}</td>
                <td className={`${cell} font-mono text-xs break-all`}>{a.roleArn ?? "keyrotate's own credentials"}</td>
                <td className={cell}>{a.changeRole}</td>
                <td className={cell}>{a.reportGeneratedAt ? formatDateTime(a.reportGeneratedAt) : "not synced yet"}</td>
                <td className={cell}>{admin && !a.removedAt && a.name && <RemoveAccountButton name={a.name} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </AccountNotices>
      {admin && (
        <section aria-labelledby="add-account" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="add-account" className="mb-3 font-semibold">
            Add an account
          </h2>
          <AddAccountForm />
        </section>
      )}
    </div>
  );
}
