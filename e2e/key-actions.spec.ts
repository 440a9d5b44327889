// One-click key actions from the dashboard: each asks first, naming the key; the rules still decide.
import { readFileSync } from "node:fs";
import { expect, test, unique } from "./fixtures.ts";

test("a never-used key is deactivated, reactivated, deactivated and deleted from its row", async ({ iam, dashboard, page }) => {
  const user = unique("unused");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 30 }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  const row = dashboard.row(key.accessKeyId);
  await expect(row.locator('[data-flag="never-used"]')).toBeVisible();

  async function confirm(verb: "Deactivate" | "Reactivate" | "Delete") {
    // Delete is an Inactive key's next step, its row's own button; the others are in the row's menu.
    if (verb !== "Delete") await dashboard.openMenu(key.accessKeyId);
    await row.getByRole("button", { name: `${verb} ${key.accessKeyId}` }).click();
    const dialog = page.getByRole("dialog", { name: `${verb} key ${key.accessKeyId} of user ${user}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: `${verb} key` }).click();
    await expect(dialog).toBeHidden();
  }

  // An Active key's next step is Rotate; an Active key cannot be deleted.
  await expect(row.getByRole("button", { name: `Rotate ${user}` })).toBeVisible();
  // Cancel changes nothing.
  await dashboard.openMenu(key.accessKeyId);
  await row.getByRole("button", { name: `Deactivate ${key.accessKeyId}` }).click();
  await page.getByRole("dialog", { name: /Deactivate key/ }).getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active");
  // Focus is back on the menu's item; Escape closes the menu and returns to its button.
  await expect(row.getByRole("button", { name: `Deactivate ${key.accessKeyId}` })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(row.getByRole("button", { name: `More actions for ${key.accessKeyId}` })).toHaveAttribute("aria-expanded", "false");
  await expect(row.getByRole("button", { name: `More actions for ${key.accessKeyId}` })).toBeFocused();

  await confirm("Deactivate");
  await expect(row.getByRole("cell").nth(3)).toHaveText("Inactive");
  // An Inactive key is not rotated: its next step is Delete (or Reactivate, in the menu).
  await expect(row.getByRole("button", { name: `Rotate ${user}` })).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Delete ${key.accessKeyId}` })).toBeVisible();
  await confirm("Reactivate");
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active");
  await expect(row.getByRole("button", { name: `Delete ${key.accessKeyId}` })).toHaveCount(0);
  await confirm("Deactivate");
  await confirm("Delete");
  await expect(row).toHaveCount(0);
  await expect(page.getByText(`Key ${key.accessKeyId} is deleted. 2nd line notified.`)).toBeVisible();

  await page.goto(`/audit?key=${key.accessKeyId}`);
  const actions = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.reverse()).toEqual(["key.deactivate", "key.reactivate", "key.deactivate", "key.delete"]);

  // Filtered by action, and exported as the page shows it.
  await page.getByLabel("Action").fill("key.delete");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("at,actor,action,result,account_id,user_name,access_key_id,message,input,actor_id,actor_role,request_id");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`E2E Admin,key.delete,ok,123456789012,${user},${key.accessKeyId}`);
  expect(csv[1]).toMatch(/,demo:e2e admin,admin,[0-9a-f-]{36}$/);
});

test("deactivating a key still in use is refused, and the refusal says why", async ({ iam, dashboard, page }) => {
  const user = unique("busy");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 0, service: "s3", region: "eu-west-2" } }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await dashboard.openMenu(key.accessKeyId);
  await dashboard.row(key.accessKeyId).getByRole("button", { name: `Deactivate ${key.accessKeyId}` }).click();
  const dialog = page.getByRole("dialog", { name: `Deactivate key ${key.accessKeyId} of user ${user}?` });
  await dialog.getByRole("button", { name: "Deactivate key" }).click();
  await expect(dialog.getByText(/would likely break whatever uses it\. Rotate it instead\./)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dashboard.row(key.accessKeyId).getByRole("cell").nth(3)).toHaveText("Active");

  // The refusal is audited with the account, user and key it concerned.
  await page.goto(`/audit?key=${key.accessKeyId}`);
  const refused = page.locator('tbody tr[data-action="key.deactivate"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(user);
  await expect(refused).toContainText("123456789012");
  await expect(refused).toContainText("error");
});
