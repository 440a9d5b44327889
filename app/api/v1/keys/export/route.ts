// The dashboard's "Export CSV" / "Export JSON": the inventory with the table's filters (?q=&flag=&status=&account=&owner=&noOwner=),
// for a signed-in person. JSON is the array `keyrotate keys --json` prints.
import { guardedRoute } from "@/lib/auth/gate.ts";
import { loadKeyRows } from "@/lib/inventory/dashboard.ts";
import { ownersOfKeys, withOwner } from "@/lib/owners/key-owner.ts";
import { parseKeyQuery, selectKeyRows } from "@/lib/inventory/key-query.ts";
import { keysToCsv } from "@/lib/inventory/keys-csv.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("inventory.read", async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return Response.json({ error: "format: csv or json." }, { status: 400 });
  params.delete("format");
  // Lenient about parameters it does not know: the dashboard's URL may carry others (sorting, paging).
  const query = parseKeyQuery(params, { paged: false, strict: false });
  if ("error" in query) return Response.json({ error: query.error }, { status: 400 });
  const [{ rows }, owners] = await Promise.all([loadKeyRows(), ownersOfKeys()]);
  const shown = selectKeyRows(rows.map((r) => withOwner(r, owners)), query.filter);
  const file = `keyrotate-keys-${new Date().toISOString().slice(0, 10)}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" };
  if (format === "json") return new Response(JSON.stringify(shown, null, 2), { headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
  // The BOM makes Excel read the file as UTF-8, as the locations export does.
  return new Response(`\uFEFF${keysToCsv(shown)}`, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
});
