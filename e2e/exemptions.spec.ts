// Owners, exemptions, the compliance figures and reminders, as a platform team uses them: set an owner,
// filter and group by owner, exempt a key until a date and watch the summary and the charts' tables
// move, export the team's keys as CSV, a reminder run against a real SMTP server, and the exemption ended.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { startSmtpSink } from "../lib/testing/smtp-sink.ts";
import { checkPage } from "./axe.ts";
import { expect, test, unique } from "./fixtures.ts";

const used = { daysAgo: 1, service: "s3", region: "eu-west-2" };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const summary = async (page: Page, key: string) => Number((await page.locator(`[data-summary="${key}"]`).innerText()).trim());
const figure = async (page: Page, key: string) => (await page.locator(`[data-figure="${key}"]`).innerText()).trim();
const ownerShare = (page: Page, team: string) =>
  page.getByRole("table", { name: "Keys within policy per owner" }).getByRole("row", { name: new RegExp(`^${team}`) }).getByRole("cell").nth(1);

/** `keyrotate remind`, as cron runs it, mailing through `smtpUrl`; its stdout. Asynchronous: the SMTP server is in this process. */
function remind(smtpUrl: string): Promise<string> {
  // No webhook: the other specs read the receiver, and this run would post about their keys too.
  const env = { ...process.env, KEYROTATE_SMTP_URL: smtpUrl, KEYROTATE_WEBHOOK_URL: "" };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/keyrotate.mjs", "remind"], { env, cwd: process.cwd() });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`keyrotate remind exited ${code}: ${err}`))));
  });
}

test("an owner, an exemption with an expiry, the summary and charts, the CSV export and the reminders", async ({ iam, dashboard, page }) => {
  test.setTimeout(180_000);
  const p = unique("exempt");
  const team = `team-${p}`;
  const contact = `${p}@example.org`;
  // Overdue, due in 7 days, overdue but to be exempted, and one nobody owns.
  const [overdue, due, vendor, orphan] = await iam.seed([
    { userName: `${p}-billing`, tags: { owner: team, contact }, keys: [{ ageDays: 120, lastUsed: used }] },
    { userName: `${p}-search`, tags: { owner: team, contact }, keys: [{ ageDays: 83, lastUsed: used }] },
    { userName: `${p}-vendor`, keys: [{ ageDays: 150, lastUsed: used }] },
    { userName: `${p}-orphan`, keys: [{ ageDays: 5, lastUsed: used }] },
  ]);
  await dashboard.goto();
  await dashboard.syncNow();

  // The vendor's user has no tags: its owner is set on the dashboard.
  await page.goto(`/keys/${vendor.accessKeyId}`);
  const owner = page.getByRole("region", { name: "Owner" });
  await owner.getByLabel("Owning team").fill(team);
  await owner.getByLabel("Contact email").fill(contact);
  await owner.getByRole("button", { name: "Save owner" }).click();
  await expect(owner.getByText(`Saved the owner of ${p}-vendor: ${team}, ${contact}.`)).toBeVisible();

  // Filter by the team, then by "No owner"; the team's group in "Keys by owner".
  await dashboard.goto();
  await page.getByRole("combobox", { name: "Owner" }).selectOption(team);
  await expect(page).toHaveURL(new RegExp(`owner=${team}`));
  await expect(dashboard.rows()).toHaveCount(3);
  for (const key of [overdue, due, vendor]) await expect(dashboard.row(key.accessKeyId).getByRole("cell", { name: team, exact: true })).toBeVisible();
  await page.getByRole("combobox", { name: "Owner" }).selectOption({ label: "No owner" });
  await expect(page).toHaveURL(/noOwner=1/);
  await expect(dashboard.row(orphan.accessKeyId)).toBeVisible();
  await expect(dashboard.row(vendor.accessKeyId)).toHaveCount(0);
  await dashboard.goto();
  const group = page.getByRole("table", { name: "Keys by owner" }).getByRole("row", { name: new RegExp(`^${team}`) });
  await expect(group.getByRole("cell")).toHaveText(["3", "2", "1", "0", "33%"]);

  const overdueBefore = await summary(page, "overdue");
  const exemptedBefore = await summary(page, "exempted");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" }).click();
  await expect(ownerShare(page, team)).toHaveText("1");
  const withinBefore = await figure(page, "withinPolicy");

  // Exempt the vendor's key from "Overdue" for 30 days.
  await page.goto(`/keys/${vendor.accessKeyId}`);
  const exemptions = page.getByRole("region", { name: "Exemptions" });
  await exemptions.getByLabel("Reason").fill("The vendor rotates this key on its own schedule; next rotation booked.");
  await exemptions.getByLabel("Flag returns on").fill(inDays(30));
  await exemptions.getByRole("button", { name: "Grant exemption" }).click();
  await expect(exemptions.getByText(`Exempted ${vendor.accessKeyId} from "Overdue" until ${inDays(30)}.`)).toBeVisible();
  await page.reload();
  await expect(exemptions.getByRole("row", { name: /Overdue this key The vendor rotates/ })).toContainText("in force");
  await checkPage(page, `key page with an exemption /keys/${vendor.accessKeyId}`);

  // The key is still listed, marked exempt; the summary and the compliance figures move by one key.
  await dashboard.goto();
  await expect(dashboard.row(vendor.accessKeyId).getByText(`Exempt: Overdue until ${inDays(30)}`)).toBeVisible();
  await expect(dashboard.row(vendor.accessKeyId).locator('[data-flag="overdue"]')).toHaveCount(0);
  expect(await summary(page, "overdue")).toBe(overdueBefore - 1);
  expect(await summary(page, "exempted")).toBe(exemptedBefore + 1);
  await page.getByRole("combobox", { name: "Flag" }).selectOption({ label: "Exempted" });
  await expect(dashboard.row(vendor.accessKeyId)).toBeVisible();
  await checkPage(page, "dashboard filtered to exempted keys");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" }).click();
  await expect(ownerShare(page, team)).toHaveText("2");
  expect(await figure(page, "withinPolicy")).not.toBe(withinBefore);
  await checkPage(page, "compliance page with an owner and an exemption");

  // The team's keys as CSV, with the owner and the exemption.
  await page.goto(`/?owner=${team}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(csv).toHaveLength(4);
  const line = (key: { accessKeyId: string }) => csv.find((l) => l.includes(key.accessKeyId)) ?? "";
  expect(line(vendor)).toContain(`,overdue until ${inDays(30)} (key): The vendor rotates this key on its own schedule; next rotation booked.,${team},${contact}`);
  expect(line(overdue)).toMatch(new RegExp(`,overdue;no-locations,,${team},${contact}$`));

  // Reminders: the overdue key and the one due in 7 days are mailed; the exempted key is not. Twice: once.
  const smtp = await startSmtpSink();
  try {
    await remind(smtp.url);
    const mine = smtp.received.filter((m) => m.to.includes(contact));
    expect(mine).toHaveLength(2);
    expect(mine.map((m) => m.subject)).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^keyrotate: access key ${overdue.accessKeyId} of ${p}-billing \\(.+\\) is overdue for rotation by 30 days$`)),
      expect.stringMatching(new RegExp(`^keyrotate: access key ${due.accessKeyId} of ${p}-search \\(.+\\) is due for rotation in 7 days$`)),
    ]));
    const delivered = smtp.received.length;
    expect(await remind(smtp.url)).toMatch(/^Sent 0 reminders/m);
    expect(smtp.received).toHaveLength(delivered);
  } finally {
    await smtp.close();
  }

  // Ending the exemption raises the flag again.
  await page.goto(`/keys/${vendor.accessKeyId}`);
  await exemptions.getByRole("button", { name: "End exemption from Overdue" }).click();
  await expect(exemptions.getByText(`Ended the exemption of ${vendor.accessKeyId} from "Overdue": the flag applies again.`)).toBeVisible();
  await dashboard.goto();
  await expect(dashboard.row(vendor.accessKeyId).locator('[data-flag="overdue"]')).toBeVisible();
  expect(await summary(page, "exempted")).toBe(exemptedBefore);
});
