import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KeyFacts } from "@/components/keys/key-facts.tsx";
import { LocationsSection } from "@/components/locations/locations-section.tsx";
import { findKey } from "@/lib/db/keys.ts";
import { listLocations } from "@/lib/db/locations.ts";
import { thresholds } from "@/lib/env.ts";
import { toKeyRow } from "@/lib/inventory/key-rows.ts";
import { accessKeyIdSchema } from "@/lib/locations/schema.ts";
import { addLocation, confirmLocation, editLocation, removeLocation } from "./actions.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ accessKeyId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).accessKeyId} · keyrotate` };
}

export default async function KeyPage({ params }: Props) {
  const parsed = accessKeyIdSchema.safeParse((await params).accessKeyId);
  if (!parsed.success) notFound();
  const accessKeyId = parsed.data;
  const [key, locations] = await Promise.all([findKey(accessKeyId), listLocations({ accessKeyId })]);
  if (!key) notFound();
  const t = thresholds();
  const row = toKeyRow(key, new Date(), t);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/" className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          ← All keys
        </Link>
        <h1 className="mt-1 text-xl font-semibold">
          {key.userName} <span className="font-mono text-base text-slate-600 dark:text-slate-300">{key.accessKeyId}</span>
        </h1>
      </div>
      <KeyFacts row={row} accountName={key.accountName} thresholds={t} />
      {/* rotation panel: the rotation status and key actions (create, deactivate, delete) go here */}
      <LocationsSection
        accessKeyId={accessKeyId}
        locations={locations}
        actions={{ add: addLocation, edit: editLocation, confirm: confirmLocation, remove: removeLocation }}
      />
    </div>
  );
}
