import { auditToCsv } from "@/lib/audit/csv.ts";
import { parseAuditFilter } from "@/lib/audit/filter.ts";
import { guardedRoute } from "@/lib/auth/gate.ts";
import { listAudit } from "@/lib/db/audit.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("audit.read", async (request: Request) => {
  const { filter, error } = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (error) return Response.json({ error }, { status: 400 });
  const csv = auditToCsv(await listAudit({ ...filter, limit: 100_000 }));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="keyrotate-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
