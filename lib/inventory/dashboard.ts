import "server-only";
// What the dashboard and `keyrotate keys` show: stored keys with their flags.
import { listKeys } from "../db/keys.ts";
import { thresholds } from "../env.ts";
import { summarize, toKeyRow } from "./key-rows.ts";

export async function loadKeyRows(now = new Date()) {
  const t = thresholds();
  const keys = await listKeys();
  const rows = keys.map((k) => ({ ...toKeyRow(k, now, t), locationCount: k.locationCount }));
  return { rows, summary: summarize(rows), thresholds: t };
}
