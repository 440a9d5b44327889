// Owners in the browser: set on the key page, shown with where they came from; the reminders page. Both pass axe.
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

test("set a key's owner on its page, clear it, and see the reminders page", async ({ iam, dashboard, page }) => {
  test.setTimeout(120_000);
  const p = unique("owner");
  const [key] = await iam.seed([{ userName: `${p}-app`, keys: [{ ageDays: 83, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
  await dashboard.goto();
  await dashboard.syncNow();

  await page.goto(`/keys/${key.accessKeyId}`);
  const owner = page.getByRole("region", { name: "Owner" });
  await expect(owner.getByText(`No owner recorded for ${p}-app`)).toBeVisible();
  await owner.getByLabel("Owning team").fill("payments");
  await owner.getByLabel("Contact email").fill("payments@example.org");
  await owner.getByRole("button", { name: "Save owner" }).click();
  await expect(owner.getByText(`Saved the owner of ${p}-app: payments, payments@example.org.`)).toBeVisible();
  await page.reload();
  await expect(owner.getByText("set on the dashboard")).toBeVisible();
  await expect(owner.getByText("payments@example.org", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reminders" })).toBeVisible();
  await checkPage(page, `key page with an owner /keys/${key.accessKeyId}`);

  await owner.getByLabel("Owning team").fill("");
  await owner.getByLabel("Contact email").fill("");
  await owner.getByRole("button", { name: "Save owner" }).click();
  await expect(owner.getByText(`Cleared the owner of ${p}-app.`)).toBeVisible();

  await page.getByRole("link", { name: "Reminders" }).click();
  await expect(page.getByRole("heading", { name: "Reminders", level: 1 })).toBeVisible();
  await checkPage(page, "reminders page");
});
