import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenButton, TokenNotices } from "@/components/tokens/token-forms.tsx";
import { formatDateTime } from "@/components/ui/format.ts";
import { DataTable, cell } from "@/components/ui/table.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { listApiTokens } from "@/lib/db/api-tokens.ts";

export const metadata: Metadata = { title: "API tokens · keyrotate" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { actor, allowed } = await pageActor("tokens.manage", "/tokens");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Scripts read <code>/api/v1/keys</code> and <code>/api/v1/locations</code> with a token, sent as <code>Authorization: Bearer …</code>. A
          token is shown once when it is created; revoking it stops it at once.
        </p>
      </div>
      {allowed ? (
        <TokenList />
      ) : (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          Your role ({actor.role}) may not manage API tokens. Ask an admin.
        </p>
      )}
    </div>
  );
}

async function TokenList() {
  const tokens = await listApiTokens();
  return (
    <>
      <TokenNotices>
        {tokens.length === 0 ? (
          <p className="text-sm">No API token yet.</p>
        ) : (
          <DataTable columns={["Name", "Role", "Created", "Last used", "Revoked", ""]} caption="API tokens">
            {tokens.map((t) => (
              <tr key={t.id} className={t.revokedAt ? "text-slate-600 dark:text-slate-400" : undefined}>
                <td className={`${cell} font-medium`}>{t.name}</td>
                <td className={cell}>{t.role}</td>
                <td className={cell}>
                  {formatDateTime(t.createdAt)} by {t.createdBy}
                </td>
                <td className={cell}>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                <td className={cell}>{t.revokedAt ? `${formatDateTime(t.revokedAt)} by ${t.revokedBy ?? "?"}` : "no"}</td>
                <td className={cell}>{!t.revokedAt && <RevokeTokenButton name={t.name} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </TokenNotices>
      <section aria-labelledby="create-token" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="create-token" className="mb-3 font-semibold">
          Create a token
        </h2>
        <CreateTokenForm />
      </section>
    </>
  );
}
