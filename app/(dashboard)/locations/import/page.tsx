import type { Metadata } from "next";
import { DiscoverForm } from "@/components/locations/discover-form.tsx";
import { ImportForm } from "@/components/locations/import-form.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { MAX_UPLOAD_BYTES } from "@/lib/discovery/upload.ts";
import { LOCATIONS_CSV_HEADER } from "@/lib/locations/csv.ts";
import { LOCATION_KINDS } from "@/lib/locations/schema.ts";
import { MAX_IMPORT_BYTES } from "@/lib/locations/registry.ts";

export const metadata: Metadata = { title: "Import locations · keyrotate" };

const code = "rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800";

export default async function ImportLocationsPage() {
  const { actor, allowed } = await pageActor("location.import", "/locations/import");
  return (
    <div className="max-w-4xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold">Import locations</h1>
        <a href="/api/v1/locations/export" download className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          Export all locations (CSV)
        </a>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Load the old “User Keys” spreadsheet, or a file exported here and edited. Choose the file and preview it: nothing is written
        until you press Import, and if any row has a problem nothing is written at all. Importing the same file twice changes nothing.
      </p>
      <section aria-labelledby="csv-format" className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
        <h2 id="csv-format" className="text-base font-semibold text-slate-900 dark:text-slate-100">
          File format
        </h2>
        <p>A header row first, then one location per row:</p>
        <pre className="overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs text-slate-900 dark:bg-slate-800 dark:text-slate-100">
          <code>{LOCATIONS_CSV_HEADER.join(",")}</code>
        </pre>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Give <code className={code}>access_key_id</code>, or leave it empty and give <code className={code}>user_name</code> when the user has only
            one key.
          </li>
          <li>
            <code className={code}>kind</code> is one of {LOCATION_KINDS.map((k, i) => (
              <span key={k}>
                {i > 0 && ", "}
                <code className={code}>{k}</code>
              </span>
            ))}
            .
          </li>
          <li>
            <code className={code}>system</code>, <code className={code}>environment</code> and <code className={code}>identifier</code> are required;{" "}
            <code className={code}>notes</code> may be empty. Quote values that contain commas.
          </li>
        </ul>
      </section>
      {allowed ? (
        <>
          <ImportForm maxBytes={MAX_IMPORT_BYTES} />
          <section aria-labelledby="discover-heading" className="space-y-2 border-t border-slate-200 pt-6 dark:border-slate-800">
            <h2 id="discover-heading" className="text-base font-semibold">
              Find keys in a secrets file
            </h2>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Upload a decrypted hieradata, JSON, .env or shell file (or paste it) to see every access key id in it and the name it stands under. Keys
              keyrotate knows are ticked: record them as locations of the system and environment the file belongs to. Recording also keeps what
              was found for the <a href="/locations/gaps" className="text-blue-700 underline dark:text-blue-300">gap report</a>.
            </p>
            <DiscoverForm maxBytes={MAX_UPLOAD_BYTES} />
          </section>
        </>
      ) : (
        <p role="status" className="rounded border border-slate-300 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          Your role ({actor.role}) can read locations but not import them. Ask a rotator or an admin.
        </p>
      )}
    </div>
  );
}
