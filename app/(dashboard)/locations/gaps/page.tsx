import type { Metadata } from "next";
import Link from "next/link";
import { GapTable } from "@/components/locations/gap-table.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { discoveryGaps } from "@/lib/discovery/runs.ts";

export const metadata: Metadata = { title: "Gaps · keyrotate" };
export const dynamic = "force-dynamic";

export default async function GapsPage() {
  await pageActor("locations.read", "/locations/gaps");
  const gaps = await discoveryGaps();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Gaps</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Where the recorded locations disagree with the latest discovery of each system and environment (
        <code className="font-mono text-xs">keyrotate locations discover --system … --environment …</code>, or a file on the{" "}
        <Link href="/locations/import" className="text-blue-700 underline dark:text-blue-300">
          import page
        </Link>
        ): keys found in the files but not recorded, and secrets-repo locations the files no longer hold.
      </p>
      {gaps.length === 0 ? (
        <p role="status" className="text-sm">
          No gaps: every recorded secrets-repo location was found, and every known key found is recorded.
        </p>
      ) : (
        <GapTable gaps={gaps} caption="Gaps between the registry and the latest discoveries" />
      )}
    </div>
  );
}
