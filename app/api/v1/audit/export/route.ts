// The audit trail as CSV, with the audit page's filters, streamed a page at a time.
import { auditToCsv } from "@/lib/audit/csv.ts";
import { parseAuditFilter } from "@/lib/audit/filter.ts";
import { guardedRoute } from "@/lib/auth/gate.ts";
import { auditPages } from "@/lib/db/audit.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("audit.read", async (request: Request) => {
  const { filter, error } = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (error) return Response.json({ error }, { status: 400 });
  const pages = auditPages(filter);
  const encoder = new TextEncoder();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (first) controller.enqueue(encoder.encode(auditToCsv([])));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`${first ? "" : "\r\n"}${auditToCsv(next.value, { header: first })}`));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="keyrotate-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
