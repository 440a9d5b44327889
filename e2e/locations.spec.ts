// The where-used registry in the browser: record, search, import (bad row, then good), export.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parseLocationsCsv } from "../lib/locations/csv.ts";
import { expect, test, unique } from "./fixtures.ts";

async function addLocation(page: Page, loc: { kind: string; system: string; environment: string; identifier: string; notes?: string }) {
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByLabel("Kind").selectOption(loc.kind);
  await form.getByLabel("System").fill(loc.system);
  await form.getByLabel("Environment").fill(loc.environment);
  await form.getByLabel("Identifier").fill(loc.identifier);
  if (loc.notes) await form.getByLabel("Notes").fill(loc.notes);
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("listitem", { name: `${loc.identifier} (${loc.system}, ${loc.environment})` })).toBeVisible();
}

test("record locations, find the key by its id, import a CSV (bad row, then fixed), export it", async ({ page, iam, dashboard }) => {
  const p = unique("loc");
  const [support, logit] = await iam.seed([
    { userName: `${p}-support`, keys: [{ ageDays: 60, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] },
    { userName: `${p}-logit`, keys: [{ ageDays: 20, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] },
  ]);
  await dashboard.goto();
  await dashboard.syncNow();
  await expect(dashboard.row(support.accessKeyId).locator('[data-flag="no-locations"]')).toBeVisible();

  // Two locations on one key; a bad form saves nothing and says why.
  await page.goto(`/keys/${support.accessKeyId}`);
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(form.getByText("Kind is required")).toBeVisible();
  await expect(page.getByRole("list", { name: "Locations of this key" })).toHaveCount(0);
  const hiera = `govuk::apps::${p}::aws_access_key_id`;
  await addLocation(page, { kind: "secrets-repo", system: "govuk-secrets/puppet", environment: "production", identifier: hiera });
  await addLocation(page, {
    kind: "third-party",
    system: "Fastly",
    environment: "production",
    identifier: "logging endpoint",
    notes: `<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">`,
  });
  // Text from a location is text: the markup shows as typed and never runs.
  await page.reload();
  await expect(page.getByText("<script>window.__pwned = true</script>", { exact: false })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(await page.locator("main script, main img[src=x]").count()).toBe(0);

  // Paste the key id into search.
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByLabel("Search keys and locations").fill(support.accessKeyId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Keys (1)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Keys (1)" }).getByRole("link", { name: support.accessKeyId })).toBeVisible();
  await page.getByLabel("Search keys and locations").fill(hiera);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Locations (1)" })).toBeVisible();

  // Import: one bad row means nothing is imported and the line is named.
  const header = "access_key_id,user_name,kind,system,environment,identifier,notes";
  const good = [`${logit.accessKeyId},,third-party,Logit,production,"stack 12, logstash output",`, `,${p}-logit,ci-variable,GitHub Actions,staging,AWS_ACCESS_KEY_ID,deploy workflow`];
  await page.goto("/locations/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...good, `${logit.accessKeyId},,spreadsheet,Logit,production,x,`].join("\n")) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(/^Line 4: .*kind/i)).toBeVisible();
  await expect(page.getByText("1 problem found: nothing was imported.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ rows?$/ })).toHaveCount(0);

  // Fixed: everything goes in.
  await page.getByLabel("CSV file").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...good].join("\r\n")) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("2 rows ready to import. Nothing has been written yet.")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("Imported: 2 new, 0 updated, 0 unchanged.")).toBeVisible();

  // Export, and compare with what was recorded and imported.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export all locations (CSV)" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  const parsed = parseLocationsCsv(csv);
  expect(parsed.errors).toEqual([]);
  // The spreadsheet's columns, then the store columns only when some location (another spec's) is a store.
  expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(new RegExp(`^${header}(,store_account_id,region,id_field,secret_field,secret_parameter)?$`));
  const mine = parsed.rows.filter((r) => r.userName?.startsWith(p)).map((r) => [r.accessKeyId, r.userName, r.kind, r.system, r.environment, r.identifier, r.notes]);
  expect(mine).toEqual(
    expect.arrayContaining([
      [support.accessKeyId, `${p}-support`, "secrets-repo", "govuk-secrets/puppet", "production", hiera, null],
      [logit.accessKeyId, `${p}-logit`, "third-party", "Logit", "production", "stack 12, logstash output", null],
      [logit.accessKeyId, `${p}-logit`, "ci-variable", "GitHub Actions", "staging", "AWS_ACCESS_KEY_ID", "deploy workflow"],
    ]),
  );
  expect(mine).toHaveLength(4);

  // The flag clears once locations are recorded.
  await dashboard.goto();
  await expect(dashboard.row(support.accessKeyId).locator('[data-flag="no-locations"]')).toHaveCount(0);
});
