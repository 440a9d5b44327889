// The guided rotation, clicked through in Chromium against the moto emulator, ending with a scan
// for the secret everywhere it must not be.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures.ts";
import { findSecrets } from "../lib/testing/leak-scan.ts";

const work = process.env.KEYROTATE_E2E_WORKDIR!;
const secrets: string[] = [];
const keyIds: string[] = [];
/** Bodies of the responses received and requests sent after the secret's dialog closed. */
const traffic: Buffer[] = [];

async function iamKeys(userName: string) {
  const iam = new IAMClient({ endpoint: process.env.KEYROTATE_E2E_EMULATOR, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const out = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
  return (out.AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId!, status: k.Status! }));
}

async function addLocation(page: Page, accessKeyId: string, loc: { system: string; environment: string; identifier: string }) {
  await page.goto(`/keys/${accessKeyId}`);
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByLabel("Kind").selectOption("secrets-repo");
  await form.getByLabel("System").fill(loc.system);
  await form.getByLabel("Environment").fill(loc.environment);
  await form.getByLabel("Identifier").fill(loc.identifier);
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: loc.identifier }).filter({ hasText: loc.environment })).toBeVisible();
}

const step = (page: Page) => page.getByTestId("rotation-step");

test("a rotation from start to delete: secret once, checklist, cut-over seen live, rollback, audit", async ({ page, iam, dashboard, context }) => {
  const user = unique("rot");
  const [old] = await iam.seed([{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  const hiera = `govuk::apps::${user}::aws_access_key_id`;
  await addLocation(page, old.accessKeyId, { system: "govuk-secrets/puppet", environment: "staging", identifier: hiera });
  await addLocation(page, old.accessKeyId, { system: "govuk-secrets/puppet", environment: "production", identifier: hiera });

  // Start from the dashboard.
  await dashboard.goto();
  await dashboard.row(old.accessKeyId).getByRole("button", { name: `Rotate ${user}` }).click();
  await expect(page).toHaveURL(/\/rotations\//);
  await expect(step(page)).toHaveText("Confirm locations");
  await page.getByRole("button", { name: "Locations are complete" }).click();
  await expect(step(page)).toHaveText("Create new key");

  // The secret is shown once, in a dialog, and closing asks first.
  await page.getByRole("button", { name: "Create new key" }).click();
  const dialog = page.getByRole("dialog", { name: `New access key for ${user}` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("This secret is shown once");
  const text = await dialog.innerText();
  const newKeyId = text.match(/AKIA[A-Z0-9]{16}/g)!.find((id) => id !== old.accessKeyId)!;
  const secret = text.match(/AWS_SECRET_ACCESS_KEY=(\S+)/)![1];
  secrets.push(secret);
  keyIds.push(newKeyId);
  expect(secret.length).toBeGreaterThanOrEqual(20);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog.getByText("Have you stored the secret? It cannot be shown again.")).toBeVisible();
  // From here on, every response the browser receives (HTML, RSC payloads, JSON) and every request it sends
  // is kept, to be searched for the secret at the end.
  context.on("response", (response) => void response.body().then((b) => traffic.push(b), () => {}));
  context.on("request", (request) => void (request.postDataBuffer() && traffic.push(request.postDataBuffer()!)));
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(page.url()).not.toContain(secret);

  // The checklist carried over from the old key.
  await expect(step(page)).toHaveText("Update locations");
  await expect(page.getByRole("button", { name: "All locations updated and redeployed" })).toBeDisabled();
  for (const env of ["production", "staging"]) {
    await page.getByRole("button", { name: `Mark ${hiera} (${env}) updated` }).click();
    await expect(page.getByRole("button", { name: `Untick ${hiera} (${env})` })).toBeVisible();
  }
  await page.getByRole("button", { name: "All locations updated and redeployed" }).click();

  // Cut-over: the page flips to "new key in use" by itself once the application uses the new key.
  await expect(step(page)).toHaveText("Verify cut-over");
  await expect(page.getByRole("status").filter({ hasText: "Waiting for the new key to be used" })).toBeVisible();
  await iam.use({ accessKeyId: newKeyId, secretAccessKey: secret });
  await expect(page.getByRole("status").filter({ hasText: "New key in use." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm cut-over" })).toBeEnabled({ timeout: 20_000 });
  await page.getByRole("button", { name: "Confirm cut-over" }).click();

  // Tell 2nd line, then deactivate; roll back; deactivate again; delete.
  await expect(step(page)).toHaveText("Deactivate old key");
  await page.getByRole("button", { name: "Notify 2nd line" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2nd line: notified" })).toBeVisible();
  await page.getByRole("button", { name: `Deactivate old key ${old.accessKeyId}` }).click();
  await expect(step(page)).toHaveText("Delete old key");
  expect((await iamKeys(user)).find((k) => k.id === old.accessKeyId)?.status).toBe("Inactive");

  await page.getByRole("button", { name: `Reactivate old key ${old.accessKeyId} (roll back)` }).click();
  await expect(step(page)).toHaveText("Verify cut-over");
  expect((await iamKeys(user)).find((k) => k.id === old.accessKeyId)?.status).toBe("Active");
  await expect(page.getByRole("button", { name: "Confirm cut-over" })).toBeEnabled({ timeout: 20_000 });
  await page.getByRole("button", { name: "Confirm cut-over" }).click();
  await page.getByRole("button", { name: "Notify 2nd line" }).click();
  await page.getByRole("button", { name: `Deactivate old key ${old.accessKeyId}` }).click();
  await expect(step(page)).toHaveText("Delete old key");

  const remove = page.getByRole("button", { name: `Delete old key ${old.accessKeyId}` });
  await expect(remove).toBeDisabled();
  await expect(remove).toBeEnabled({ timeout: 20_000 }); // the inactive period (4 s here) ends
  await remove.click();
  await expect(step(page)).toHaveText("Done");
  expect(await iamKeys(user)).toEqual([{ id: newKeyId, status: "Active" }]);

  // The audit trail names every step and the actor.
  await page.goto(`/audit?key=${old.accessKeyId}`);
  const actions = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.reverse()).toEqual([
    "location.add",
    "location.add",
    "rotation.start",
    "rotation.confirm-locations",
    "rotation.create-key",
    "rotation.mark-location-updated",
    "rotation.mark-location-updated",
    "rotation.finish-distribution",
    "rotation.cutover-confirmed",
    "rotation.send-notification",
    "rotation.deactivate-old",
    "rotation.reactivate-old",
    "rotation.cutover-confirmed",
    "rotation.send-notification",
    "rotation.deactivate-old",
    "rotation.delete-old",
  ]);
  await expect(page.locator("tbody tr").first()).toContainText("E2E Admin");
  await context.clearCookies();
});

test("the secret is in no database file, server log or .next/ file", async () => {
  test.skip(secrets.length === 0, "needs the rotation test's secret");
  const places = placesToScan();
  expect(places).toContain(join(work, "server.log"));
  expect(findSecrets(places, secrets)).toEqual([]);
  // The scan itself works: the new key's id, which the database does hold, is found there.
  expect(findSecrets([join(work, "e2e.db")], keyIds)).toEqual([join(work, "e2e.db")]);
});

test("after its dialog closed, the secret is in no response the browser received and no request it sent", async () => {
  test.skip(secrets.length === 0, "needs the rotation test's secret");
  const holding = (needle: string) => traffic.filter((body) => body.includes(needle)).length;
  expect(traffic.length).toBeGreaterThan(20);
  // The scan sees the traffic: the new key's id, which pages show, is in it.
  expect(holding(keyIds[0])).toBeGreaterThan(0);
  const found = secrets.reduce((n, secret) => n + holding(secret), 0);
  mkdirSync(".tmp/resilience", { recursive: true });
  writeFileSync(".tmp/resilience/secrets.json", JSON.stringify({ bodiesScanned: traffic.length, secretsFound: found + findSecrets(placesToScan(), secrets).length }));
  expect(found).toBe(0);
});

function placesToScan() {
  return [join(work, "server.log"), ".next", ...["e2e.db", "e2e.db-wal", "e2e.db-journal"].map((f) => join(work, f))].filter((p) => existsSync(p));
}
