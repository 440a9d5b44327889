import { guardedRoute } from "@/lib/auth/gate.ts";
import { exportLocationsCsv } from "@/lib/locations/registry.ts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("locations.read", async () => {
  const csv = await exportLocationsCsv();
  // The BOM makes Excel read the file as UTF-8 (notes often hold names with accents); import strips it.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="keyrotate-locations-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
