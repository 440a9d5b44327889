import { FLAGS, type Flag } from "../inventory/flags.ts";
import { loadKeyRows } from "../inventory/dashboard.ts";
import { publicKeyRow, selectKeyRows } from "../inventory/key-query.ts";
import { findAccountByName } from "../db/accounts.ts";
import { KeyrotateError } from "../errors.ts";
import { withDb } from "./output.ts";

export async function printKeys(opts: { json?: boolean; flag?: string; account?: string }): Promise<void> {
  if (opts.flag && !FLAGS.includes(opts.flag as Flag)) {
    throw new KeyrotateError("invalid-input", `Unknown flag "${opts.flag}". Flags: ${FLAGS.join(", ")}.`);
  }
  await withDb(async () => {
    const { rows } = await loadKeyRows();
    if (opts.account && !(await findAccountByName(opts.account))) {
      throw new KeyrotateError("invalid-input", `No account named ${opts.account}: see keyrotate accounts list.`);
    }
    // The same selection and order as GET /api/v1/keys, so a script may use either.
    const shown = selectKeyRows(rows, { flag: opts.flag as Flag | undefined }).filter((r) => !opts.account || r.accountName === opts.account);
    if (opts.json) {
      // Exactly the documented KeyRow fields: the table-only location count and scope stay out.
      console.log(JSON.stringify(shown.map(publicKeyRow), null, 2));
      return;
    }
    const table = shown.map((r) => ({
      account: r.accountName ?? r.accountId,
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
