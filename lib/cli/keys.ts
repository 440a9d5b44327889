import { FLAG_FILTERS, type FlagFilter } from "../inventory/flags.ts";
import { loadKeyRows } from "../inventory/dashboard.ts";
import { selectKeyRows } from "../inventory/key-query.ts";
import { findAccountByName } from "../db/accounts.ts";
import { KeyrotateError } from "../errors.ts";
import { ownersOfKeys, withOwner } from "../owners/key-owner.ts";
import { withDb } from "./output.ts";

/** `owner`: a team name (`--owner TEAM`), or false for keys with no owning team (`--no-owner`). */
export async function printKeys(opts: { json?: boolean; flag?: string; account?: string; owner?: string | false }): Promise<void> {
  if (opts.flag && !FLAG_FILTERS.includes(opts.flag as FlagFilter)) {
    throw new KeyrotateError("invalid-input", `Unknown flag "${opts.flag}". Flags: ${FLAG_FILTERS.join(", ")}.`);
  }
  await withDb(async () => {
    const [{ rows }, owners] = await Promise.all([loadKeyRows(), ownersOfKeys()]);
    if (opts.account && !(await findAccountByName(opts.account))) {
      throw new KeyrotateError("invalid-input", `No account named ${opts.account}: see keyrotate accounts list.`);
    }
    // The same selection and order as GET /api/v1/keys, so a script may use either.
    const filter = { flag: opts.flag as FlagFilter | undefined, owner: opts.owner || undefined, noOwner: opts.owner === false || undefined };
    const shown = selectKeyRows(
      rows.map((r) => withOwner(r, owners)),
      filter,
    ).filter((r) => !opts.account || r.accountName === opts.account);
    if (opts.json) {
      // The documented KeyRow fields and the owner: the table-only location count and scope stay out.
      console.log(JSON.stringify(shown, null, 2));
      return;
    }
    const table = shown.map((r) => ({
      account: r.accountName ?? r.accountId,
      user: r.userName,
      key: r.accessKeyId,
      status: r.status,
      owner: r.owner ?? "",
      age: r.ageDays,
      "last used": r.lastUsedDate ? `${r.lastUsedDate.slice(0, 10)} ${r.lastUsedService ?? ""} ${r.lastUsedRegion ?? ""}`.trim() : "never",
      flags: r.flags.join(","),
    }));
    if (table.length) console.table(table);
    const ownerNote = opts.owner === false ? " with no owner" : opts.owner ? ` owned by ${opts.owner}` : "";
    console.log(`${shown.length} key${shown.length === 1 ? "" : "s"}${opts.flag ? ` flagged ${opts.flag}` : ""}${ownerNote}.`);
  });
}
