import "server-only";
// What the dashboard and `keyrotate keys` show: stored keys with their flags, and whether keyrotate may
// change each key's user (a key it may not is shown read-only, with the reason).
import { currentScope } from "../auth/scope-config.ts";
import { scopeOf } from "../auth/scope.ts";
import { countKeys, listAccountsWithKeys, pageOfKeys } from "../db/key-page.ts";
import { listKeys, type StoredKey } from "../db/keys.ts";
import { thresholds } from "../env.ts";
import type { Thresholds } from "./flags.ts";
import type { KeyView } from "./key-view.ts";
import { summarize, toKeyRow, type InventorySummary } from "./key-rows.ts";

type Scope = Awaited<ReturnType<typeof currentScope>>;

function dashboardRow(k: StoredKey, now: Date, t: Thresholds, scope: Scope) {
  const verdict = scopeOf({ accountId: k.accountId, userName: k.userName, path: k.userPath, tags: k.userTags }, scope);
  return { ...toKeyRow(k, now, t), locationCount: k.locationCount, readOnly: verdict.managed ? null : verdict.reason };
}

/** Every key: for `keyrotate keys`, whose JSON lists them all. */
export async function loadKeyRows(now = new Date()) {
  const t = thresholds();
  const [keys, scope] = await Promise.all([listKeys(), currentScope()]);
  const rows = keys.map((k) => dashboardRow(k, now, t, scope));
  return { rows, summary: summarize(rows), thresholds: t };
}

/** One page of the view, its totals, and the summary of every key, all counted by the database. */
export async function loadKeyPage(view: KeyView, now = new Date()) {
  const t = thresholds();
  const [page, counts, accounts, scope] = await Promise.all([pageOfKeys(view, now, t), countKeys(now, t), listAccountsWithKeys(), currentScope()]);
  const summary: InventorySummary = {
    keys: counts.keys,
    overdue: counts.overdue,
    dueSoon: counts["due-soon"],
    usersWithTwoKeys: counts.usersWithTwoKeys,
    neverUsed: counts["never-used"],
  };
  return {
    rows: page.keys.map((k) => dashboardRow(k, now, t, scope)),
    total: page.total,
    page: page.page,
    pages: page.pages,
    summary,
    accounts,
    thresholds: t,
  };
}
