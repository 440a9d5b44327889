// A dashboard of many keys: the database pages, filters and sorts; the URL keeps the view through a
// reload; rows stay one line of controls; flags explain themselves on keyboard focus; axe stays clean.
import type { SeedUser } from "../lib/testing/moto/seed.ts";
import { DEFAULT_THRESHOLDS, FLAG_INFO, computeFlags } from "../lib/inventory/flags.ts";
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

const DAY = 86_400_000;
const COUNT = 120;

function users(prefix: string): SeedUser[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    userName: `${prefix}-${String(i).padStart(3, "0")}`,
    keys: [{ ageDays: 10 + i, status: i % 10 === 7 ? "Inactive" : "Active", lastUsed: i % 3 === 0 ? null : { daysAgo: i % 5, service: "s3", region: "eu-west-2" } }],
  }));
}

test("120 keys page through the database, keep their view in the URL, and stay compact", async ({ iam, dashboard, page }) => {
  // Seeding and syncing 120 users, and axe over a page of rows, take a while on a busy machine.
  test.setTimeout(300_000);
  const p = unique("scale");
  const seeded = users(p);
  const keys = await iam.seed(seeded);
  const now = new Date();
  const overdue = seeded.flatMap((u, i) => {
    const k = u.keys[0];
    const facts = { status: k.status!, createDate: new Date(now.getTime() - k.ageDays * DAY), lastUsedDate: k.lastUsed ? now : null, userKeyCount: 1 };
    return computeFlags(facts, now, DEFAULT_THRESHOLDS).includes("overdue") ? [i] : [];
  });
  try {
    await dashboard.goto();
    await dashboard.syncNow({ timeout: 90_000 });
    const count = page.getByTestId("key-count");
    const pageOf = page.getByTestId("page-of");

    // Filtered to this spec's keys: 50 a page, oldest first, each row a single line of controls.
    await dashboard.filter(p);
    await expect(page).toHaveURL(new RegExp(`\\?q=${p}$`));
    await expect(count).toHaveText(/^1–50 of 120 keys/);
    await expect(dashboard.rows()).toHaveCount(50);
    await expect(dashboard.rows().first()).toHaveAttribute("data-key-id", keys[COUNT - 1].accessKeyId);
    const heights = await dashboard.rows().evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights), `row heights ${heights.join(", ")}`).toBeLessThan(80);

    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(pageOf).toHaveText("Page 2 of 3");
    await expect(dashboard.rows().first()).toHaveAttribute("data-key-id", keys[COUNT - 51].accessKeyId);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(pageOf).toHaveText("Page 3 of 3");
    await expect(dashboard.rows()).toHaveCount(20);
    await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
    await page.getByLabel("Rows per page").selectOption("100");
    await expect(pageOf).toHaveText("Page 1 of 2");
    await expect(dashboard.rows()).toHaveCount(100);

    // A flag and a sort, counted and ordered by the database as computeFlags says.
    await page.getByLabel("Flag").selectOption({ label: "Overdue" });
    await expect(count).toHaveText(new RegExp(`^1–${overdue.length} of ${overdue.length} keys`));
    await page.getByRole("button", { name: /Age \(days\)/ }).click();
    await expect(page.getByRole("columnheader", { name: /Age \(days\)/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(dashboard.rows().first()).toHaveAttribute("data-key-id", keys[overdue[0]].accessKeyId);
    const ids = await dashboard.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key-id")));
    expect(ids).toEqual(overdue.map((i) => keys[i].accessKeyId));

    // A reload opens the same view: filters, sort, page size and rows.
    const url = page.url();
    expect(new URL(url).searchParams.toString()).toBe(`q=${p}&flag=overdue&sort=age&dir=asc&size=100`);
    await page.reload();
    await expect(page).toHaveURL(url);
    await expect(page.getByLabel("Filter")).toHaveValue(p);
    await expect(page.getByLabel("Flag")).toHaveValue("overdue");
    await expect(page.getByLabel("Rows per page")).toHaveValue("100");
    await expect(page.getByRole("columnheader", { name: /Age \(days\)/ })).toHaveAttribute("aria-sort", "ascending");
    expect(await dashboard.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key-id")))).toEqual(ids);

    // A flag explains itself on keyboard focus, as the badge's description; Escape dismisses it.
    const row = dashboard.row(keys[overdue[0]].accessKeyId);
    const badge = row.locator('[data-flag="overdue"]');
    const why = FLAG_INFO.overdue.explanation(DEFAULT_THRESHOLDS);
    await badge.focus();
    const tooltip = badge.getByRole("tooltip");
    await expect(tooltip).toHaveText(why);
    await expect(tooltip).toHaveCSS("position", "fixed");
    expect((await tooltip.boundingBox())!.width).toBeGreaterThan(100);
    await expect(badge).toHaveAccessibleDescription(why);
    await checkPage(page, "dashboard, 120 keys filtered and sorted, a flag's tooltip open");
    await page.keyboard.press("Escape");
    await expect(tooltip).not.toHaveCSS("position", "fixed");

    // The row's one action is Rotate; the rest open from the keyboard, and Escape closes them.
    await expect(row.getByRole("button", { name: `Rotate ${seeded[overdue[0]].userName}` })).toBeVisible();
    const more = row.getByRole("button", { name: `More actions for ${keys[overdue[0]].accessKeyId}` });
    await more.focus();
    await page.keyboard.press("Enter");
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expect(row.getByRole("button", { name: `Deactivate ${keys[overdue[0]].accessKeyId}` })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await expect(more).toBeFocused();

    // An Inactive key offers no Rotate: Delete is its next step, Reactivate is in its menu.
    await page.goto(`/?q=${p}&status=Inactive`);
    await expect(count).toHaveText(/^1–12 of 12 keys/);
    const inactive = dashboard.row(keys[7].accessKeyId);
    await expect(inactive.getByRole("button", { name: `Delete ${keys[7].accessKeyId}` })).toBeVisible();
    await expect(inactive.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
    await dashboard.openMenu(keys[7].accessKeyId);
    await expect(inactive.getByRole("button", { name: `Reactivate ${keys[7].accessKeyId}` })).toBeVisible();
    await checkPage(page, "dashboard, an Inactive key's menu open", { include: `tr[data-key-id="${keys[7].accessKeyId}"]` });
  } finally {
    // The other specs find their keys on the first page: take these out again.
    await iam.unseed(keys);
    await dashboard.goto();
    await dashboard.syncNow({ timeout: 90_000 });
  }
  await dashboard.filter(p);
  await expect(page.getByTestId("key-count")).toHaveText(/^0 of \d+ keys/);
});
