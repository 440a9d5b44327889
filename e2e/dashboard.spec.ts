import { expect, test, unique } from "./fixtures.ts";

const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });

test("the dashboard shows every key with age, last use and flags; sorts, filters and syncs", async ({ iam, dashboard, page }) => {
  const p = unique("inv");
  const [overdue, never, twoOld, twoNew] = await iam.seed([
    { userName: `${p}-overdue`, keys: [{ ageDays: 200, lastUsed: used(1) }] },
    { userName: `${p}-never`, keys: [{ ageDays: 30 }] },
    { userName: `${p}-two`, keys: [{ ageDays: 120, lastUsed: used(3) }, { ageDays: 2, lastUsed: used(0) }] },
  ]);
  await dashboard.goto();
  await dashboard.syncNow();
  await expect(page.getByTestId("last-synced")).toHaveText(/Last synced just now/);

  const overdueRow = dashboard.row(overdue.accessKeyId);
  await expect(overdueRow).toContainText(`${p}-overdue`);
  await expect(overdueRow.getByRole("cell").nth(4)).toHaveText("200");
  await expect(overdueRow).toContainText("s3 · eu-west-2");
  await expect(overdueRow.locator('[data-flag="overdue"]')).toHaveText(/Overdue/);
  await expect(overdueRow.locator('[data-flag="overdue"]')).toHaveAttribute("title", "Active and older than 90 days: rotate it now.");

  await expect(dashboard.row(never.accessKeyId)).toContainText("never");
  await expect(dashboard.row(never.accessKeyId).locator('[data-flag="never-used"]')).toHaveAttribute("title", /safe to remove/);
  for (const k of [twoOld, twoNew]) await expect(dashboard.row(k.accessKeyId).locator('[data-flag="two-keys"]')).toBeVisible();

  // Filter by text, then by flag and status.
  await dashboard.filter(p);
  await expect(dashboard.rows()).toHaveCount(4);
  await page.getByLabel("Flag").selectOption({ label: "Never used" });
  await expect(dashboard.rows()).toHaveCount(1);
  await page.getByLabel("Flag").selectOption({ label: "Any" });
  await page.getByLabel("Status").selectOption("Inactive");
  await expect(dashboard.rows()).toHaveCount(0);
  await expect(page.getByText("No keys match.")).toBeVisible();
  await page.getByLabel("Status").selectOption("Active");

  // Sorted by age, oldest first, by default; one click on the header sorts it the other way.
  const ages = () => dashboard.rows().evaluateAll((rows) => rows.map((r) => Number(r.children[4].textContent)));
  expect(await ages()).toEqual([200, 120, 30, 2]);
  await page.getByRole("button", { name: /Age \(days\)/ }).click();
  await expect.poll(ages).toEqual([2, 30, 120, 200]);
  await page.getByRole("button", { name: "User", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: "User", exact: true })).toHaveAttribute("aria-sort", "ascending");

  // A key added in IAM appears after Sync now.
  const [added] = await iam.seed([{ userName: `${p}-added`, keys: [{ ageDays: 1 }] }]);
  await expect(dashboard.row(added.accessKeyId)).toHaveCount(0);
  await dashboard.syncNow();
  await expect(dashboard.row(added.accessKeyId)).toBeVisible();
  await expect(dashboard.rows()).toHaveCount(5);
});

test("the summary counts what needs doing", async ({ iam, dashboard, page }) => {
  await iam.seed([{ userName: unique("sum-overdue"), keys: [{ ageDays: 300, lastUsed: used(2) }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  const count = async (key: string) => Number(await page.locator(`[data-summary="${key}"]`).textContent());
  expect(await count("overdue")).toBeGreaterThanOrEqual(1);
  expect(await count("keys")).toBe(await dashboard.rows().count());
});
