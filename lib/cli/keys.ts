import { FLAGS, type Flag } from "../inventory/flags.ts";
import { loadKeyRows } from "../inventory/dashboard.ts";
import type { KeyRow } from "../inventory/key-rows.ts";
import { KeyrotateError } from "../errors.ts";
import { withDb } from "./output.ts";

export async function printKeys(opts: { json?: boolean; flag?: string }): Promise<void> {
  if (opts.flag && !FLAGS.includes(opts.flag as Flag)) {
    throw new KeyrotateError("invalid-input", `Unknown flag "${opts.flag}". Flags: ${FLAGS.join(", ")}.`);
  }
  await withDb(async () => {
    const { rows } = await loadKeyRows();
    const shown = opts.flag ? rows.filter((r) => r.flags.includes(opts.flag as Flag)) : rows;
    shown.sort((a, b) => b.ageDays - a.ageDays);
    if (opts.json) {
      // Exactly the documented KeyRow fields: the table-only location count and scope stay out.
      console.log(JSON.stringify(shown.map(({ locationCount: _count, readOnly: _readOnly, ...row }) => row satisfies KeyRow), null, 2));
      return;
    }
    const table = shown.map((r) => ({
      user: r.userName,
      key: r.accessKeyId,
      status: r.status,
      age: r.ageDays,
      "last used": r.lastUsedDate ? `${r.lastUsedDate.slice(0, 10)} ${r.lastUsedService ?? ""} ${r.lastUsedRegion ?? ""}`.trim() : "never",
      flags: r.flags.join(","),
    }));
    if (table.length) console.table(table);
    console.log(`${shown.length} key${shown.length === 1 ? "" : "s"}${opts.flag ? ` flagged ${opts.flag}` : ""}.`);
  });
}
