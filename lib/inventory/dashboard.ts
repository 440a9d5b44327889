import "server-only";
// What the dashboard and `keyrotate keys` show: stored keys with their flags, and whether keyrotate may
// change each key's user (a key it may not is shown read-only, with the reason).
import { currentScope } from "../auth/scope-config.ts";
import { scopeOf } from "../auth/scope.ts";
import { listKeys } from "../db/keys.ts";
import { thresholds } from "../env.ts";
import { summarize, toKeyRow } from "./key-rows.ts";

export async function loadKeyRows(now = new Date()) {
  const t = thresholds();
  const [keys, scope] = await Promise.all([listKeys(), currentScope()]);
  const rows = keys.map((k) => {
    const verdict = scopeOf({ accountId: k.accountId, userName: k.userName, path: k.userPath, tags: k.userTags }, scope);
    return { ...toKeyRow(k, now, t), locationCount: k.locationCount, readOnly: verdict.managed ? null : verdict.reason };
  });
  return { rows, summary: summarize(rows), thresholds: t };
}
