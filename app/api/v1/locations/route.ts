// GET /api/v1/locations: the where-used registry for scripts, paged by an opaque cursor, optionally one
// key's (?accessKeyId=). Needs an API token (see lib/auth/token-gate.ts).
import { tokenRoute } from "@/lib/auth/token-gate.ts";
import { listLocationsAfter } from "@/lib/db/locations.ts";
import { parseLocationQuery, toApiLocation } from "@/lib/locations/api.ts";

export const dynamic = "force-dynamic";

export const GET = tokenRoute("locations.read", async (request: Request) => {
  const query = parseLocationQuery(new URL(request.url).searchParams);
  if ("error" in query) return Response.json({ error: query.error }, { status: 400, headers: { "cache-control": "no-store" } });
  const rows = await listLocationsAfter({ after: query.after, take: query.limit + 1, accessKeyId: query.accessKeyId });
  const items = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? Buffer.from(items[items.length - 1].id).toString("base64url") : null;
  return Response.json({ items: items.map(toApiLocation), nextCursor }, { headers: { "cache-control": "no-store" } });
});
