// An SES SMTP user re-created under today's date, clicked through in Chromium against the moto emulator:
// the same permissions, the SMTP password shown once, an email sent with the new key moving the flow on,
// the old user deleted in IAM's order, every step in the audit trail, and the password stored nowhere.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from "@aws-sdk/client-iam";
import type { Page } from "@playwright/test";
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";
import { findSecrets } from "../lib/testing/leak-scan.ts";
import { seedSmtpUser } from "../lib/testing/moto/seed-smtp-user.ts";
import { sendMailWithKey } from "../lib/testing/ses.ts";
import { datedUserName } from "../lib/iam/smtp-user-names.ts";

const endpoint = () => process.env.KEYROTATE_E2E_EMULATOR!;
const work = process.env.KEYROTATE_E2E_WORKDIR!;
const iam = () => new IAMClient({ endpoint: endpoint(), region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });

/** What IAM says the user may do, in a form two users can be compared by. */
async function permissionsOf(UserName: string) {
  const client = iam();
  const names = (await client.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? [];
  const inline = await Promise.all(
    names.map(async (PolicyName) => [PolicyName, decodeURIComponent((await client.send(new GetUserPolicyCommand({ UserName, PolicyName }))).PolicyDocument!)]),
  );
  return {
    path: (await client.send(new GetUserCommand({ UserName }))).User!.Path,
    groups: ((await client.send(new ListGroupsForUserCommand({ UserName }))).Groups ?? []).map((g) => g.GroupName).sort(),
    managed: ((await client.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? []).map((p) => p.PolicyArn).sort(),
    inline: Object.fromEntries(inline),
    tags: Object.fromEntries(((await client.send(new ListUserTagsCommand({ UserName }))).Tags ?? []).map((t) => [t.Key, t.Value])),
  };
}

async function addLocation(page: Page, accessKeyId: string, identifier: string) {
  await page.goto(`/keys/${accessKeyId}`);
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByLabel("Kind").selectOption("app-config");
  await form.getByLabel("System").fill("notify-api");
  await form.getByLabel("Environment").fill("production");
  await form.getByLabel("Identifier").fill(identifier);
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: identifier })).toBeVisible();
}

const passwords: string[] = [];
const keyIds: string[] = [];

test("an SES SMTP user re-created end to end: same permissions, password once, SES use moves it on, old user gone, audit complete", async ({ page, dashboard }) => {
  test.setTimeout(120_000);
  const old = await seedSmtpUser(endpoint(), { userName: "mailer.20250101", prefix: unique("smtp") });
  const newUser = datedUserName("mailer", new Date());
  await dashboard.goto();
  await dashboard.syncNow();
  await addLocation(page, old.accessKeyId, "SMTP_USERNAME");

  // The key page knows an SMTP user, and offers the re-creation instead of an in-place rotation.
  await expect(page.getByText("SES SMTP user.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: `Rotate ${old.userName}` })).toHaveCount(0);
  await page.getByRole("button", { name: "Rotate SES SMTP user" }).click();
  await expect(page).toHaveURL(/\/smtp-rotations\//);
  const step = page.getByTestId("rotation-step");
  await expect(step).toHaveText("Confirm locations");
  await expect(page.getByRole("listitem").filter({ hasText: "notify-api · production · SMTP_USERNAME" })).toBeVisible();
  await checkPage(page, "SMTP rotation page, confirming locations");
  // Links that do not know the kind (the dashboard's) lead here too.
  const rotationUrl = page.url();
  await page.goto(rotationUrl.replace("/smtp-rotations/", "/rotations/"));
  await expect(page).toHaveURL(rotationUrl);
  await page.getByRole("button", { name: "Locations are complete" }).click();

  // A dated copy with every permission of the old user.
  await expect(step).toHaveText("Create new user");
  await page.getByRole("button", { name: `Create ${newUser}` }).click();
  await expect(step).toHaveText("Create SMTP credentials");
  await expect(page.getByRole("definition").filter({ hasText: old.groups[0] })).toBeVisible();
  expect(await permissionsOf(newUser)).toEqual(await permissionsOf(old.userName));
  expect((await permissionsOf(newUser)).inline).toEqual(old.inlinePolicies);
  await checkPage(page, "SMTP rotation page, creating credentials");

  // The password, once, with the SMTP user name and the chosen region's endpoint.
  await page.getByLabel("SES region (where the application sends mail)").selectOption("eu-west-1");
  await page.getByRole("button", { name: "Create SMTP credentials" }).click();
  const dialog = page.getByRole("dialog", { name: `SMTP credentials for ${newUser}` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("is shown once");
  await expect(dialog).toContainText("email-smtp.eu-west-1.amazonaws.com");
  await expect(dialog).toContainText("port 587");
  const text = await dialog.innerText();
  const smtpUserName = /SMTP_USERNAME=(AKIA[A-Z0-9]{16})/.exec(text)![1];
  const password = /SMTP_PASSWORD=(\S+)/.exec(text)![1];
  passwords.push(password);
  keyIds.push(smtpUserName);
  // 33 bytes in base64: the version byte 0x04 ("B…"), then the 32-byte signature.
  expect(password).toMatch(/^B[A-Za-z0-9+/]{43}$/);
  expect(text).not.toMatch(/secret access key/i);
  await checkPage(page, "SMTP credentials dialog", { include: "dialog[open]" });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog.getByText("Have you stored the SMTP password? It cannot be shown again.")).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByText(password)).toHaveCount(0);

  // The old user's locations are the checklist.
  await expect(step).toHaveText("Update locations");
  await page.getByRole("button", { name: "Mark SMTP_USERNAME (production) updated" }).click();
  await expect(page.getByRole("button", { name: "Untick SMTP_USERNAME (production)" })).toBeVisible();
  await page.getByRole("button", { name: "All locations updated and redeployed" }).click();

  // Cut-over: an email sent with the new key (moto checks no signature; the key id is what counts).
  await expect(step).toHaveText("Verify cut-over");
  await expect(page.getByRole("status").filter({ hasText: "Waiting for an email sent with the new SMTP credentials" })).toBeVisible();
  await checkPage(page, "SMTP rotation page, verifying the cut-over");
  await sendMailWithKey(endpoint(), { accessKeyId: smtpUserName, secretAccessKey: "moto-checks-no-signature" }, "eu-west-1");
  await expect(page.getByRole("status").filter({ hasText: "New SMTP credentials are sending through SES." })).toBeVisible();
  await expect(page.getByTestId("new-key-last-used")).not.toHaveText("never");
  await expect(page.getByRole("button", { name: "Confirm cut-over" })).toBeEnabled({ timeout: 20_000 });
  await page.getByRole("button", { name: "Confirm cut-over" }).click();

  // Tell 2nd line, deactivate, wait out the inactive period, remove the old user.
  await expect(step).toHaveText("Deactivate old user");
  await page.getByRole("button", { name: "Notify 2nd line" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2nd line: notified" })).toBeVisible();
  await page.getByRole("button", { name: `Deactivate old user ${old.userName}` }).click();
  await expect(step).toHaveText("Wait, then remove");
  const keys = (await iam().send(new ListAccessKeysCommand({ UserName: old.userName }))).AccessKeyMetadata ?? [];
  expect(keys.map((k) => k.Status)).toEqual(["Inactive"]);
  const remove = page.getByRole("button", { name: `Remove old user ${old.userName}` });
  await expect(remove).toBeDisabled();
  await expect(remove).toBeEnabled({ timeout: 20_000 }); // the inactive period (4 s here) ends
  await remove.click();
  await expect(step).toHaveText("Done");
  await expect(page.getByRole("list", { name: `Removal of ${old.userName}` }).getByRole("listitem").last()).toContainText(`Delete user ${old.userName} — done`);
  await expect(iam().send(new GetUserCommand({ UserName: old.userName }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  expect(((await iam().send(new ListAccessKeysCommand({ UserName: newUser }))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId)).toEqual([smtpUserName]);

  // The audit trail names every step, each deletion among them, and who did it.
  await page.goto("/audit?action=smtp-rotation.");
  const actions = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.reverse()).toEqual([
    "smtp-rotation.start",
    "smtp-rotation.confirm-locations",
    "smtp-rotation.create-user",
    "smtp-rotation.create-key",
    "smtp-rotation.mark-location-updated",
    "smtp-rotation.finish-distribution",
    "smtp-rotation.cutover-confirmed",
    "smtp-rotation.send-notification",
    "smtp-rotation.deactivate-old",
    "smtp-rotation.removal.delete-access-key",
    "smtp-rotation.removal.remove-from-group",
    "smtp-rotation.removal.remove-from-group",
    "smtp-rotation.removal.detach-managed-policy",
    "smtp-rotation.removal.detach-managed-policy",
    "smtp-rotation.removal.delete-inline-policy",
    "smtp-rotation.removal.delete-inline-policy",
    "smtp-rotation.removal.delete-user",
    "smtp-rotation.remove-old-user",
  ]);
  await expect(page.locator("tbody tr").first()).toContainText("E2E Admin");
  expect(new Set(await page.locator("tbody tr td:nth-child(5)").allInnerTexts())).toEqual(new Set(["ok"]));

  // The new key's page: its user is an SMTP user too, ready for the next rotation.
  await page.goto(`/keys/${smtpUserName}`);
  await expect(page.getByRole("button", { name: "Rotate SES SMTP user" })).toBeVisible();
});

test("the SMTP password is in no database file, server log or .next/ file", async () => {
  test.skip(passwords.length === 0, "needs the SMTP rotation test's password");
  const places = [join(work, "server.log"), ".next", ...["e2e.db", "e2e.db-wal", "e2e.db-journal"].map((f) => join(work, f))].filter((p) => existsSync(p));
  expect(places).toContain(join(work, "e2e.db"));
  expect(findSecrets(places, passwords)).toEqual([]);
  // The scan itself works: the new key's id, which the database does hold, is found there.
  expect(findSecrets([join(work, "e2e.db")], keyIds)).toEqual([join(work, "e2e.db")]);
});
