// `keyrotate reconcile [--json]`: compares IAM with keyrotate's records for every account and puts right
// what a crash or a failure left behind (see lib/rotation/reconcile.ts). Exits 0; findings are not errors.
import { reconcile } from "../rotation/reconcile.ts";
import { withDb } from "./output.ts";

export async function cliReconcile(opts: { json?: boolean }): Promise<void> {
  await withDb(async () => {
    const findings = await reconcile();
    if (opts.json) return console.log(JSON.stringify(findings, null, 2));
    for (const f of findings) console.log(`${f.kind}: ${f.message}`);
    console.log(findings.length ? `${findings.length} finding(s).` : "IAM and keyrotate agree.");
  });
}
