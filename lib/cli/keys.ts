import { FLAGS, type Flag } from "../inventory/flags.ts";
import { loadKeyRows } from "../inventory/dashboard.ts";
import { selectKeyRows } from "../inventory/key-query.ts";
import { findAccountByName } from "../db/accounts.ts";
import { KeyrotateError } from "../errors.ts";
import { ownersOfKeys, withOwner } from "../owners/key-owner.ts";
import { withDb } from "./output.ts";

/** `owner`: a team name (`--owner TEAM`), or false for keys with no owning team (`--no-owner`). */
export async function printKeys(opts: { json?: boolean; flag?: string; account?: string; owner?: string | false }): Promise<void> {
  if (opts.flag && !FLAGS.includes(opts.flag as Flag)) {
    throw new KeyrotateError("invalid-input", `Unknown flag "${opts.flag}". Flags: ${FLAGS.join(", ")}.`);
  }
  await withDb(async () => {
    const [{ rows }, owners] = await Promise.all([loadKeyRows(), ownersOfKeys()]);
    const teamOf = (accessKeyId: string) => owners.get(accessKeyId)?.team ?? null;
    if (opts.account && !(await findAccountByName(opts.account))) {
      throw new KeyrotateError("invalid-input", `No account named ${opts.account}: see keyrotate accounts list.`);
    }
    const ownerMatches = (accessKeyId: string) => opts.owner === undefined || (opts.owner === false ? teamOf(accessKeyId) === null : teamOf(accessKeyId) === opts.owner);
    // The same selection and order as GET /api/v1/keys, so a script may use either.
    const shown = selectKeyRows(rows, { flag: opts.flag as Flag | undefined }).filter((r) => (!opts.account || r.accountName === opts.account) && ownerMatches(r.accessKeyId));
    if (opts.json) {
      // The documented KeyRow fields and the owner: the table-only location count and scope stay out.
      console.log(JSON.stringify(shown.map((r) => withOwner(r, owners)), null, 2));
      return;
    }
    const table = shown.map((r) => ({
      account: r.accountName ?? r.accountId,
      user: r.userName,
      key: r.accessKeyId,
      status: r.status,
      owner: teamOf(r.accessKeyId) ?? "",
      age: r.ageDays,
      "last used": r.lastUsedDate ? `${r.lastUsedDate.slice(0, 10)} ${r.lastUsedService ?? ""} ${r.lastUsedRegion ?? ""}`.trim() : "never",
      flags: r.flags.join(","),
    }));
    if (table.length) console.table(table);
    const ownerNote = opts.owner === false ? " with no owner" : opts.owner ? ` owned by ${opts.owner}` : "";
    console.log(`${shown.length} key${shown.length === 1 ? "" : "s"}${opts.flag ? ` flagged ${opts.flag}` : ""}${ownerNote}.`);
  });
}
