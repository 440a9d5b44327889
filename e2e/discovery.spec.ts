// Discovery in the browser: a decrypted hieradata file uploaded on the import page (only ids and names come
// back), its known keys recorded, the gap left visible; and CloudTrail's callers of a key, one recorded.
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

test("upload a decrypted hieradata file, record the found locations, see them and the gap left", async ({ page, iam, dashboard }) => {
  test.setTimeout(120_000); // three pages checked by axe in two schemes
  const p = unique("disc");
  const [support] = await iam.seed([{ userName: `${p}-support`, keys: [{ ageDays: 30 }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  const unknownId = "AKIAUNKNOWNE2E000001";
  const hiera = [
    "---",
    `govuk::apps::${p}::aws_access_key_id: "${support.accessKeyId}"`,
    `govuk::apps::${p}::aws_secret_access_key: "${support.secretAccessKey}"`,
    `govuk::apps::${p}_api::aws_access_key_id: "${support.accessKeyId}"`,
    `govuk::apps::${p}_api::aws_secret_access_key: "${support.secretAccessKey}"`,
    `govuk::apps::legacy::aws_access_key_id: "${unknownId}"`,
    "",
  ].join("\n");

  await page.goto("/locations/import");
  await page.getByLabel("Decrypted secrets file").setInputFiles({ name: "staging.yaml", mimeType: "application/x-yaml", buffer: Buffer.from(hiera) });
  const scanned = page.waitForResponse((r) => r.url().includes("/api/v1/locations/discover"));
  await page.getByRole("button", { name: "Find keys" }).click();
  const answer = await (await scanned).text();
  expect(answer).toContain(support.accessKeyId);
  expect(answer).not.toContain(support.secretAccessKey);
  await expect(page.getByText("3 occurrences in staging.yaml, 2 of known keys.")).toBeVisible();

  const found = page.getByRole("table", { name: "Access key ids found in staging.yaml" });
  const main = found.getByRole("checkbox", { name: `Record govuk::apps::${p}::aws_access_key_id for ${support.accessKeyId}` });
  const api = found.getByRole("checkbox", { name: `Record govuk::apps::${p}_api::aws_access_key_id for ${support.accessKeyId}` });
  await expect(main).toBeChecked();
  await expect(api).toBeChecked();
  await expect(found.getByRole("row").filter({ hasText: unknownId })).toContainText("unknown key");
  await checkPage(page, "import page with discovered keys");

  // Record one of the two: the other stays a gap between the files and the registry.
  await api.uncheck();
  await page.getByLabel("System").fill("govuk-secrets/puppet");
  await page.getByLabel("Environment").fill("staging");
  await page.getByRole("button", { name: "Record 1 location" }).click();
  await expect(page.getByText("Recorded 1 new location in govuk-secrets/puppet staging (0 already recorded).")).toBeVisible();
  expect(await page.content()).not.toContain(support.secretAccessKey);

  await page.goto(`/keys/${support.accessKeyId}`);
  await expect(page.getByRole("listitem", { name: `govuk::apps::${p}::aws_access_key_id (govuk-secrets/puppet, staging)` })).toBeVisible();
  const gaps = page.getByRole("table", { name: "Where the recorded locations disagree with the latest discovery" });
  await expect(gaps.getByRole("row").filter({ hasText: `govuk::apps::${p}_api::aws_access_key_id` })).toContainText("Found, not recorded");
  await checkPage(page, "key page with a discovery gap");

  await page.getByRole("link", { name: "Gaps" }).click();
  await expect(page.getByRole("heading", { name: "Gaps", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `govuk::apps::${p}_api::aws_access_key_id` })).toContainText(`${p}-support`);
  await checkPage(page, "gaps page");
});

test("'Find where it is used' groups CloudTrail's callers of a key and records one as a location", async ({ page, iam, dashboard }) => {
  test.setTimeout(120_000);
  const p = unique("trail");
  const [app] = await iam.seed([{ userName: `${p}-app`, keys: [{ ageDays: 40 }] }]);
  await dashboard.goto();
  await dashboard.syncNow();

  await page.goto(`/keys/${app.accessKeyId}`);
  await page.getByRole("button", { name: "Find where it is used" }).click();
  const usage = page.getByRole("region", { name: "Where CloudTrail saw it" });
  await expect(usage.getByText("CloudTrail: 117 events from 5 callers.")).toBeVisible({ timeout: 20_000 });
  const callers = usage.getByRole("table", { name: `CloudTrail callers of ${app.accessKeyId}` });
  const rows = callers.getByRole("row");
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1)).toContainText("203.0.113.25");
  await expect(rows.nth(1)).toContainText("secretsmanager.amazonaws.com");
  await expect(rows.nth(1)).toContainText("46");
  const terraform = rows.filter({ hasText: "198.51.100.14" });
  await expect(terraform).toContainText("iam.amazonaws.com");
  await expect(terraform).toContainText("26");
  await checkPage(page, "key page with CloudTrail callers");

  await terraform.getByRole("button", { name: "Record as location: 198.51.100.14 iam.amazonaws.com" }).click();
  const form = page.getByRole("region", { name: "Record 198.51.100.14 as a location" });
  await expect(form.getByLabel("Kind")).toHaveValue("ci-variable");
  await expect(form.getByLabel("System")).toHaveValue("Terraform");
  await expect(form.getByLabel("Identifier")).toHaveValue("cloudtrail: 198.51.100.14 Terraform/1.9.5");
  await form.getByLabel("Environment").fill("production");
  await form.getByRole("button", { name: "Record location" }).click();
  await expect(page.getByRole("listitem", { name: "cloudtrail: 198.51.100.14 Terraform/1.9.5 (Terraform, production)" })).toBeVisible();
});
