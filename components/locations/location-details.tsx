// One location's facts, as read on the key page.
import type { ReactNode } from "react";
import { LOCATION_KIND_LABELS } from "@/lib/locations/schema.ts";
import { formatDateTime } from "../ui/format.ts";
import type { LocationView } from "./location-view.ts";

function Fact({ term, children, wide }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-3" : undefined}>
      <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

export function LocationDetails({ location: l }: { location: LocationView }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
      <Fact term="Kind">{LOCATION_KIND_LABELS[l.kind]}</Fact>
      <Fact term="System">{l.system}</Fact>
      <Fact term="Environment">{l.environment}</Fact>
      <Fact term="Identifier" wide>
        <span className="font-mono">{l.identifier}</span>
      </Fact>
      {l.store && (
        <Fact term="Written by keyrotate" wide>
          account {l.store.accountId}, {l.store.region}
          {l.store.secretParameter ? (
            <>
              , secret in <span className="font-mono">{l.store.secretParameter}</span>
            </>
          ) : (
            <>
              , fields <span className="font-mono">{l.store.idField}</span> / <span className="font-mono">{l.store.secretField}</span>
            </>
          )}
        </Fact>
      )}
      {l.notes && (
        <Fact term="Notes" wide>
          <span className="whitespace-pre-wrap">{l.notes}</span>
        </Fact>
      )}
      <Fact term="Recorded">
        {l.createdBy}, {formatDateTime(l.createdAt)}
      </Fact>
      <Fact term="Last confirmed">
        {l.confirmedAt ? (
          `${l.confirmedBy}, ${formatDateTime(l.confirmedAt)}`
        ) : (
          <span className="text-amber-800 dark:text-amber-300">Never confirmed</span>
        )}
      </Fact>
    </dl>
  );
}
