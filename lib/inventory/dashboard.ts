import "server-only";
// What the dashboard and `keyrotate keys` show: stored keys with their flags, and whether keyrotate may
// change each key's user (a key it may not is shown read-only, with the reason).
import { currentScope } from "../auth/scope-config.ts";
import { scopeOf } from "../auth/scope.ts";
import { countKeys, countKeysByUser, listAccountsWithKeys, pageOfKeys } from "../db/key-page.ts";
import { listExemptionsInForce } from "../db/exemptions.ts";
import { listKeys, type StoredKey } from "../db/keys.ts";
import { thresholds } from "../env.ts";
import { exemptionIndex, type KeyExemption } from "./exemptions.ts";
import type { Thresholds } from "./flags.ts";
import type { KeyView } from "./key-view.ts";
import { summarize, toKeyRow, type InventorySummary } from "./key-rows.ts";
import { countsByTeam, teamNames, teamsOfUsers, usersOfOwner } from "../owners/teams.ts";

type Scope = Awaited<ReturnType<typeof currentScope>>;
type Exemptions = (k: StoredKey) => KeyExemption[];

/** The exemptions in force, looked up per key: one query for any number of keys. */
export async function exemptionsInForce(now: Date): Promise<Exemptions> {
  return exemptionIndex(await listExemptionsInForce(now), now);
}

function dashboardRow(k: StoredKey, now: Date, t: Thresholds, scope: Scope, exemptions: Exemptions) {
  const verdict = scopeOf({ accountId: k.accountId, userName: k.userName, path: k.userPath, tags: k.userTags }, scope);
  return { ...toKeyRow(k, now, t, exemptions(k)), locationCount: k.locationCount, readOnly: verdict.managed ? null : verdict.reason };
}

/** Every key: for `keyrotate keys`, whose JSON lists them all. */
export async function loadKeyRows(now = new Date()) {
  const t = thresholds();
  const [keys, scope, exemptions] = await Promise.all([listKeys(), currentScope(), exemptionsInForce(now)]);
  const rows = keys.map((k) => dashboardRow(k, now, t, scope, exemptions));
  return { rows, summary: summarize(rows), thresholds: t };
}

/** One page of the view, its totals, and the summary of every key, all counted by the database. */
export async function loadKeyPage(view: KeyView, now = new Date()) {
  const t = thresholds();
  // The owner filter needs every user's team first; the rest asks the database in parallel.
  const teams = await teamsOfUsers();
  const teamOf = new Map(teams.map((u) => [u.iamUserId, u.team]));
  const [page, counts, accounts, scope, exemptions] = await Promise.all([
    pageOfKeys(view, now, t, usersOfOwner(teams, view)),
    countKeys(now, t),
    listAccountsWithKeys(),
    currentScope(),
    exemptionsInForce(now),
  ]);
  const summary: InventorySummary = {
    keys: counts.keys,
    overdue: counts.overdue,
    dueSoon: counts["due-soon"],
    usersWithTwoKeys: counts.usersWithTwoKeys,
    neverUsed: counts["never-used"],
    exempted: counts.exempted,
  };
  return {
    rows: page.keys.map((k) => ({ ...dashboardRow(k, now, t, scope, exemptions), owner: teamOf.get(k.iamUserId) ?? null })),
    total: page.total,
    page: page.page,
    pages: page.pages,
    summary,
    accounts,
    teams: teamNames(teams),
    thresholds: t,
  };
}

/** Live keys per owning team, the dashboard's "Keys by owner". */
export async function loadOwnerCounts(now = new Date()) {
  const [teams, perUser] = await Promise.all([teamsOfUsers(), countKeysByUser(now, thresholds())]);
  return countsByTeam(teams, perUser);
}
