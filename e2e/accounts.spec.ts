// Accounts managed from the dashboard: an admin adds one reached by AssumeRole, its keys appear after a
// sync with their account, a rotator sees the list but cannot change it, and removing it keeps its history.
import { expect, signIn, test, unique } from "./fixtures.ts";

const STAGING = "333344445555";
const ROLE = `arn:aws:iam::${STAGING}:role/keyrotate`;

test("an admin adds an account through a role; its keys sync with their account; removing it keeps them", async ({ iam, dashboard, page }) => {
  const user = unique("staging-app");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 20 }] }], { accountId: STAGING });
  await page.goto("/accounts");
  const form = page.getByRole("form", { name: "Add an account" });
  await form.getByLabel("Name").fill("staging");
  await form.getByLabel("Role ARN").fill("arn:aws:iam::nope");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText(/Role ARN must look like/)).toBeVisible();
  await form.getByLabel("Role ARN").fill(ROLE);
  await form.getByLabel("Least role to change keys").selectOption("admin");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByText(`Added account staging (${STAGING}) through ${ROLE}; changing keys needs admin.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`staging ${STAGING}`) })).toBeVisible();

  await dashboard.goto();
  await dashboard.syncNow();
  await dashboard.filter(user);
  await expect(dashboard.row(key.accessKeyId)).toContainText("staging");

  // A rotator reads the accounts but cannot change them.
  await signIn(page, "Rita Rotator", "rotator");
  await page.goto("/accounts");
  await expect(page.getByRole("row", { name: new RegExp(`staging ${STAGING}`) })).toBeVisible();
  await expect(page.getByRole("form", { name: "Add an account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove account staging" })).toHaveCount(0);

  await signIn(page);
  await page.goto("/accounts");
  await page.getByRole("button", { name: "Remove account staging" }).click();
  await expect(page.getByText(`Removed account staging (${STAGING}); its history stays.`)).toBeVisible();
  await page.goto(`/keys/${key.accessKeyId}`);
  await expect(page.getByRole("heading", { name: new RegExp(user) })).toBeVisible();
});
