// GET /api/v1/keys: the inventory for scripts, as `keyrotate keys --json` prints it, with the dashboard
// table's filters as query parameters and cursor paging. Needs an API token (see lib/auth/token-gate.ts).
import { tokenRoute } from "@/lib/auth/token-gate.ts";
import { loadKeyRows } from "@/lib/inventory/dashboard.ts";
import { ownersOfKeys, withOwner } from "@/lib/owners/key-owner.ts";
import { pageOf, parseKeyQuery, selectKeyRows } from "@/lib/inventory/key-query.ts";

export const dynamic = "force-dynamic";

export const GET = tokenRoute("inventory.read", async (request: Request) => {
  const query = parseKeyQuery(new URL(request.url).searchParams, { paged: true, strict: true });
  if ("error" in query) return Response.json({ error: query.error }, { status: 400, headers: { "cache-control": "no-store" } });
  const [{ rows }, owners] = await Promise.all([loadKeyRows(), ownersOfKeys()]);
  const { items, nextCursor } = pageOf(selectKeyRows(rows.map((r) => withOwner(r, owners)), query.filter), query.page);
  return Response.json({ items, nextCursor }, { headers: { "cache-control": "no-store" } });
});
