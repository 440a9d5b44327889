// Every page, and the dialogs that ask before acting or show a secret, pass axe (WCAG 2.1 A and AA) with
// no serious or critical violation, in the light and the dark colour scheme.
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

const used = (daysAgo: number) => ({ daysAgo, service: "s3", region: "eu-west-2" });

test("every page passes axe in the light and the dark scheme", async ({ iam, dashboard, page }) => {
  // Room for axe on a busy machine: at a load average of 13-24 the checks alone passed 120 s.
  test.setTimeout(240_000);
  const p = unique("a11y");
  // One key per flag, so every badge colour is on the dashboard.
  const [overdue, , dueSoon] = await iam.seed([
    { userName: `${p}-overdue`, keys: [{ ageDays: 200, lastUsed: used(1) }] },
    { userName: `${p}-never`, keys: [{ ageDays: 30 }] },
    { userName: `${p}-due`, keys: [{ ageDays: 80, lastUsed: used(2) }] },
    { userName: `${p}-two`, keys: [{ ageDays: 120, lastUsed: used(3) }, { ageDays: 2, lastUsed: used(0) }] },
    { userName: `${p}-inactive`, keys: [{ ageDays: 60, status: "Inactive" }] },
    { userName: `${p}-stale`, keys: [{ ageDays: 300, lastUsed: used(150) }] },
  ]);
  await dashboard.goto();
  await dashboard.syncNow();
  for (const flag of ["overdue", "due-soon", "two-keys", "never-used", "inactive", "stale", "no-locations"]) {
    await expect(page.locator(`[data-flag="${flag}"]`).first()).toBeVisible();
  }

  // A key page with a location on it (recorded through its form), which the search then finds.
  const identifier = `govuk::apps::${p}::aws_access_key_id`;
  await page.goto(`/keys/${overdue.accessKeyId}`);
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByLabel("Kind").selectOption("secrets-repo");
  await form.getByLabel("System").fill("govuk-secrets/puppet");
  await form.getByLabel("Environment").fill("production");
  await form.getByLabel("Identifier").fill(identifier);
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: identifier })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await checkPage(page, `key page /keys/${overdue.accessKeyId}`);

  await page.goto(`/search?q=${encodeURIComponent(p)}`);
  await expect(page.getByText(identifier).first()).toBeVisible();
  await expect(page.getByRole("link", { name: dueSoon.accessKeyId }).first()).toBeVisible();
  await checkPage(page, "search results");

  await page.goto("/locations/import");
  await expect(page.getByRole("heading", { name: "Import locations" })).toBeVisible();
  await checkPage(page, "import page");

  // The dashboard, then its confirm dialog.
  await dashboard.goto();
  await dashboard.filter(p);
  await expect(dashboard.rows()).toHaveCount(7);
  await checkPage(page, "dashboard");
  // Text must stay readable on a hovered button too, which axe only sees while the mouse is on it.
  await dashboard.openMenu(dueSoon.accessKeyId);
  for (const verb of ["Rotate", "Deactivate"]) {
    const name = verb === "Rotate" ? `Rotate ${p}-due` : `Deactivate ${dueSoon.accessKeyId}`;
    await checkPage(page, `${verb} button, hovered`, { include: `button[aria-label="${name}"]`, hover: `button[aria-label="${name}"]` });
  }
  await dashboard.row(dueSoon.accessKeyId).getByRole("button", { name: `Deactivate ${dueSoon.accessKeyId}` }).click();
  const confirm = page.getByRole("dialog", { name: `Deactivate key ${dueSoon.accessKeyId} of user ${p}-due?` });
  await expect(confirm).toBeVisible();
  await checkPage(page, "Deactivate dialog on the dashboard", { include: "dialog[open]" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();

  // A rotation, started from the dashboard: its first step, the secret dialog, and the checklist after it.
  await dashboard.row(overdue.accessKeyId).getByRole("button", { name: `Rotate ${p}-overdue` }).click();
  await expect(page).toHaveURL(/\/rotations\//);
  const step = page.getByTestId("rotation-step");
  await expect(step).toHaveText("Confirm locations");
  await checkPage(page, `rotation page ${new URL(page.url()).pathname}, confirming locations`);
  await page.getByRole("button", { name: "Locations are complete" }).click();
  await expect(step).toHaveText("Create new key");
  await page.getByRole("button", { name: "Create new key" }).click();
  const secret = page.getByRole("dialog", { name: `New access key for ${p}-overdue` });
  await expect(secret).toBeVisible();
  await checkPage(page, "secret dialog", { include: "dialog[open]" });
  await secret.getByRole("button", { name: "Close" }).click();
  await secret.getByRole("button", { name: "Yes, close" }).click();
  await expect(secret).toBeHidden();
  await expect(step).toHaveText("Update locations");
  await checkPage(page, "rotation page, updating locations");
  await page.getByRole("button", { name: `Mark ${identifier} (production) updated` }).click();
  await expect(page.getByRole("button", { name: `Untick ${identifier} (production)` })).toBeVisible();
  await page.getByRole("button", { name: "All locations updated and redeployed" }).click();
  await expect(step).toHaveText("Verify cut-over");
  await expect(page.getByRole("status").filter({ hasText: "Waiting for the new key to be used" })).toBeVisible();
  await checkPage(page, "rotation page, verifying the cut-over");

  // The audit log, with the location and the rotation's steps above.
  await page.goto("/audit");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await checkPage(page, "audit log");

  await page.goto("/compliance");
  await expect(page.getByRole("figure", { name: "Keys by last use" })).toBeVisible();
  await checkPage(page, "compliance page");

  // The dashboard again, now listing the rotation in progress and its user's row.
  await dashboard.goto();
  await dashboard.filter(p);
  await expect(dashboard.row(overdue.accessKeyId).getByRole("link", { name: `Continue rotation of ${p}-overdue` })).toBeVisible();
  await checkPage(page, "dashboard with a rotation in progress");
});

test("the sign-in page passes axe, with an error shown", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin?error=no-role");
  await expect(page.getByRole("heading", { name: "Sign in to keyrotate" })).toBeVisible();
  await checkPage(page, "sign-in page");
});
