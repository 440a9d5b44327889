// The Compliance page: its figures follow IAM after a sync, every chart has a table of the same numbers,
// and the page passes axe in both colour schemes.
import type { Page } from "@playwright/test";
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });

async function figures(page: Page) {
  const read = async (key: string) => (await page.locator(`[data-figure="${key}"]`).innerText()).trim();
  return {
    total: Number(await read("total")),
    withinPolicy: await read("withinPolicy"),
    overdue: Number(await read("overdue")),
    dueSoon: Number(await read("dueSoon")),
    neverUsed: Number(await read("neverUsed")),
  };
}

const bucketCount = (page: Page, table: string, bucket: string) =>
  page.getByRole("table", { name: table }).getByRole("row", { name: new RegExp(`^${bucket}`) }).getByRole("cell").first().innerText().then(Number);

const syncRows = (page: Page) => page.getByRole("table", { name: "Compliance after each sync" }).locator("tbody tr").count();

test("the compliance figures follow IAM after a sync, each chart with its table", async ({ iam, dashboard, page }) => {
  test.setTimeout(120_000);
  const p = unique("comp");
  await iam.seed([
    { userName: `${p}-fresh`, keys: [{ ageDays: 10, lastUsed: used(1) }] },
    { userName: `${p}-never`, keys: [{ ageDays: 30 }] },
  ]);
  await dashboard.goto();
  await dashboard.syncNow();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" }).click();
  await expect(page.getByRole("heading", { name: "Compliance", level: 1 })).toBeVisible();
  for (const caption of [
    "Share of keys within policy per account",
    "Active keys by age, against the 90-day line",
    "Keys by last use",
    "Share within policy after each sync, last 90 days",
  ]) {
    await expect(page.getByRole("figure", { name: caption })).toBeVisible();
    await expect(page.getByRole("figure", { name: caption }).locator("svg.recharts-surface")).toBeVisible();
  }
  for (const table of ["Keys within policy per account", "Active keys by age", "Keys by last use", "Compliance after each sync"]) {
    await expect(page.getByRole("table", { name: table })).toBeVisible();
  }
  const before = await figures(page);
  expect(before.total).toBeGreaterThanOrEqual(2);
  expect(before.neverUsed).toBeGreaterThanOrEqual(1);
  const agedBefore = await bucketCount(page, "Active keys by age", "181–365 days");
  const syncsBefore = await syncRows(page);
  expect(syncsBefore).toBeGreaterThanOrEqual(1);
  await checkPage(page, "compliance page");

  // An overdue key appears in IAM; the next sync moves every figure it touches, and adds to the trend.
  await iam.seed([{ userName: `${p}-overdue`, keys: [{ ageDays: 200, lastUsed: used(1) }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await page.goto("/compliance");
  const after = await figures(page);
  expect(after).toMatchObject({ total: before.total + 1, overdue: before.overdue + 1, dueSoon: before.dueSoon, neverUsed: before.neverUsed });
  expect(after.withinPolicy).toBe(`${Math.floor(((after.total - after.overdue) * 100) / after.total)}%`);
  expect(await bucketCount(page, "Active keys by age", "181–365 days")).toBe(agedBefore + 1);
  expect(await syncRows(page)).toBeGreaterThan(syncsBefore);
});
