// API tokens and exports: an admin creates a token on the tokens page (shown once), a script reads the API
// with it until it is revoked, a viewer cannot manage tokens; the dashboard exports the keys as CSV and
// JSON with the table's filters (kept in the URL).
import { readFileSync } from "node:fs";
import { checkPage } from "./axe.ts";
import { expect, signIn, test, unique } from "./fixtures.ts";

test("an admin creates a token, shown once; it reads the API until revoked; a viewer cannot manage tokens", async ({ iam, dashboard, page, playwright, baseURL }) => {
  // Three pages checked with axe in two colour schemes, and a sync.
  test.setTimeout(120_000);
  const name = unique("nightly");
  const user = unique("api-read");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 5 }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill("no spaces please");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText(/A token name is 1 to 64 letters/)).toBeVisible();
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();

  const dialog = page.getByRole("dialog", { name: `API token ${name}` });
  await expect(dialog.getByText("This token is shown once.")).toBeVisible();
  const token = (await dialog.locator("pre").first().textContent())!.trim();
  expect(token).toMatch(/^kr_[A-Za-z0-9_-]{43}$/);
  await checkPage(page, "tokens page, new token dialog", { include: "dialog" });
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(`^${name} viewer .* never no`) })).toBeVisible();
  await checkPage(page, "tokens page");

  // A script, with no session cookie at all.
  const script = await playwright.request.newContext({ baseURL });
  const keys = await script.get(`/api/v1/keys?q=${user}`, { headers: { authorization: `Bearer ${token}` } });
  expect(keys.status()).toBe(200);
  expect(await keys.json()).toEqual({ items: [expect.objectContaining({ userName: user, accessKeyId: key.accessKeyId, ageDays: 5 })], nextCursor: null });
  const bad = await script.get("/api/v1/keys?limit=0", { headers: { authorization: `Bearer ${token}` } });
  expect([bad.status(), await bad.json()]).toEqual([400, { error: expect.stringMatching(/limit/) }]);
  expect((await script.get("/api/v1/locations", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  const anonymous = await script.get("/api/v1/keys");
  expect([anonymous.status(), await anonymous.text()]).toEqual([401, expect.not.stringContaining("accessKeyId")]);

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(`^${name} viewer`) })).not.toContainText("never");
  await page.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(page.getByText(`Revoked API token ${name}: scripts using it now get 401.`)).toBeVisible();
  const revoked = await script.get("/api/v1/keys", { headers: { authorization: `Bearer ${token}` } });
  expect([revoked.status(), await revoked.text()]).toEqual([401, expect.not.stringContaining("accessKeyId")]);
  await script.dispose();

  await page.goto(`/audit?actor=token:${name}`);
  await expect(page.locator("tbody tr[data-action='api.read']")).toHaveCount(1);

  await signIn(page, "Vic Viewer", "viewer");
  await page.goto("/tokens");
  await expect(page.getByText("Your role (viewer) may not manage API tokens. Ask an admin.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Create an API token" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Revoke token/ })).toHaveCount(0);
  await checkPage(page, "tokens page as a viewer");
});

test("the dashboard exports the keys as CSV and JSON with the table's filters", async ({ iam, dashboard, page }) => {
  const user = unique("export-me");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 120 }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await page.goto(`/?q=${user}&flag=overdue`);
  const csvLink = page.getByRole("link", { name: "Export CSV" });
  await expect(csvLink).toHaveAttribute("href", `/api/v1/keys/export?format=csv&q=${user}&flag=overdue`);
  let download = page.waitForEvent("download");
  await csvLink.click();
  const csv = readFileSync(await (await download).path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(csv[0]).toBe("account_id,account_name,user_name,access_key_id,status,create_date,age_days,last_used_date,last_used_service,last_used_region,flags,exemptions,owner,owner_contact");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`,${user},${key.accessKeyId},Active,`);
  expect(csv[1]).toMatch(/,120,.*overdue/);

  download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const json = JSON.parse(readFileSync(await (await download).path(), "utf8")) as { accessKeyId: string; userName: string; flags: string[] }[];
  expect(json).toEqual([expect.objectContaining({ accessKeyId: key.accessKeyId, userName: user, ageDays: 120, flags: expect.arrayContaining(["overdue"]) })]);
});
