import type { Metadata } from "next";
import { KeyResults, LocationResults } from "@/components/locations/search-results.tsx";
import { SearchForm } from "@/components/locations/search-form.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { thresholds } from "@/lib/env.ts";
import { exemptionsInForce } from "@/lib/inventory/dashboard.ts";
import { toKeyRow } from "@/lib/inventory/key-rows.ts";
import { searchRegistry } from "@/lib/locations/search.ts";

export const metadata: Metadata = { title: "Search · keyrotate" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function SearchPage({ searchParams }: Props) {
  const { q } = await searchParams;
  await pageActor("locations.read", `/search${q ? `?q=${encodeURIComponent(String(q))}` : ""}`);
  const now = new Date();
  const [results, exemptions] = await Promise.all([searchRegistry((Array.isArray(q) ? q[0] : q) ?? ""), exemptionsInForce(now)]);
  const t = thresholds();
  const keys = results.keys.map((k) => toKeyRow(k, now, t, exemptions(k)));
  const nothing = keys.length === 0 && results.locations.length === 0;
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Search</h1>
      <SearchForm query={results.query} />
      {!results.query ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Paste an access key id (or its first characters), or type a user, a system, an identifier such as a hieradata key, or words from the notes.
        </p>
      ) : nothing ? (
        <p role="status" className="text-sm">
          Nothing matches &quot;{results.query}&quot;.
        </p>
      ) : (
        <>
          <KeyResults rows={keys} thresholds={t} />
          <LocationResults locations={results.locations} />
        </>
      )}
    </div>
  );
}
