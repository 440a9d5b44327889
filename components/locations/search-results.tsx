// What a search found: keys (with their flags) and locations (with their key and user).
import Link from "next/link";
import type { Thresholds } from "@/lib/inventory/flags.ts";
import type { KeyRow } from "@/lib/inventory/key-rows.ts";
import type { LocationRecord } from "@/lib/db/locations.ts";
import { LOCATION_KIND_LABELS } from "@/lib/locations/schema.ts";
import { FlagBadges } from "../ui/flag-badge.tsx";
import { DataTable, cell } from "../ui/table.tsx";

/** Enough for any real search; a one-letter query on a large registry would otherwise render it all. */
const SHOWN = 200;

const link = "font-mono text-xs text-blue-700 underline-offset-2 hover:underline dark:text-blue-300";

function Heading({ id, title, total }: { id: string; title: string; total: number }) {
  return (
    <div className="mb-2 flex items-baseline gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title} ({total})
      </h2>
      {total > SHOWN && <p className="text-sm text-slate-600 dark:text-slate-400">Showing the first {SHOWN}: narrow the search to see the rest.</p>}
    </div>
  );
}

export function KeyResults({ rows, thresholds }: { rows: KeyRow[]; thresholds: Thresholds }) {
  return (
    <section aria-labelledby="key-results">
      <Heading id="key-results" title="Keys" total={rows.length} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No keys match.</p>
      ) : (
        <DataTable columns={["Access key", "User", "Status", "Age (days)", "Flags"]} caption="Keys that match">
              {rows.slice(0, SHOWN).map((r) => (
                <tr key={r.accessKeyId}>
                  <td className={cell}>
                    <Link href={`/keys/${r.accessKeyId}`} className={link}>
                      {r.accessKeyId}
                    </Link>
                  </td>
                  <td className={`${cell} font-medium`}>{r.userName}</td>
                  <td className={cell}>{r.status}</td>
                  <td className={`${cell} tabular-nums`}>{r.ageDays}</td>
                  <td className={cell}>
                    <span className="flex flex-wrap gap-1">
                      <FlagBadges flags={r.flags} exemptions={r.exemptions} thresholds={thresholds} />
                    </span>
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
    </section>
  );
}

export function LocationResults({ locations }: { locations: LocationRecord[] }) {
  return (
    <section aria-labelledby="location-results">
      <Heading id="location-results" title="Locations" total={locations.length} />
      {locations.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No locations match.</p>
      ) : (
        <DataTable columns={["Kind", "System", "Environment", "Identifier", "Notes", "Key", "User"]} caption="Locations that match">
              {locations.slice(0, SHOWN).map((l) => (
                <tr key={l.id} className="align-top">
                  <td className={cell}>{LOCATION_KIND_LABELS[l.kind]}</td>
                  <td className={cell}>{l.system}</td>
                  <td className={cell}>{l.environment}</td>
                  <td className={`${cell} font-mono text-xs break-all`}>{l.identifier}</td>
                  <td className={`${cell} max-w-xs whitespace-pre-wrap wrap-anywhere`}>{l.notes}</td>
                  <td className={cell}>
                    {l.accessKeyId ? (
                      <Link href={`/keys/${l.accessKeyId}`} className={link}>
                        {l.accessKeyId}
                      </Link>
                    ) : (
                      <span className="text-slate-500 dark:text-slate-400">no key</span>
                    )}
                  </td>
                  <td className={cell}>{l.userName}</td>
                </tr>
              ))}
        </DataTable>
      )}
    </section>
  );
}
