import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { expect, signIn, test, unique, Dashboard } from "./fixtures.ts";

test("two people rotating the same user at once end with one rotation and exactly one new key", async ({ iam, browser }) => {
  const user = unique("race");
  const [old] = await iam.seed([{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] }]);
  const [alice, bob] = await Promise.all([browser.newContext(), browser.newContext()]);
  const pages = await Promise.all([alice.newPage(), bob.newPage()]);
  await signIn(pages[0], "Alice Rotator", "rotator");
  await signIn(pages[1], "Bob Rotator", "rotator");
  const first = new Dashboard(pages[0]);
  await first.goto();
  await first.syncNow();
  await Promise.all(pages.map((p) => p.goto("/")));

  // Both press Rotate at the same moment: the database lets one rotation start.
  await Promise.all(pages.map((p) => p.locator(`tr[data-key-id="${old.accessKeyId}"]`).getByRole("button", { name: `Rotate ${user}` }).click()));
  await expect.poll(async () => pages.filter((p) => /\/rotations\//.test(p.url())).length).toBe(1);
  const loser = pages.find((p) => !/\/rotations\//.test(p.url()))!;
  await expect(loser.getByText(/already in progress/).first()).toBeVisible();

  // Both open the rotation and both press Create new key: one key is created, one is refused.
  const rotationUrl = pages.find((p) => /\/rotations\//.test(p.url()))!.url();
  await loser.goto(rotationUrl);
  for (const p of pages) {
    await p.getByLabel(/I have checked/).check().catch(() => {});
  }
  await pages[0].getByRole("button", { name: "Locations are complete" }).click();
  await expect(pages[0].getByRole("button", { name: "Create new key" })).toBeVisible();
  await pages[1].reload();
  await Promise.all(pages.map((p) => p.getByRole("button", { name: "Create new key" }).click()));
  const dialogs = pages.map((p) => p.getByRole("dialog", { name: `New access key for ${user}` }));
  await expect.poll(async () => (await Promise.all(dialogs.map((d) => d.isVisible()))).filter(Boolean).length).toBe(1);
  // The other is refused with a clear reason: by the version check if the winner's claim landed
  // first, or by the no-third-key rule if the winner's new key already shows in IAM.
  const refusal = /Someone else moved this rotation|changed since you loaded|already has 2 access keys/;
  await expect.poll(async () => (await Promise.all(pages.map((p) => p.getByTestId("rotation-outcome").getByText(refusal).isVisible()))).some(Boolean)).toBe(true);

  const client = new IAMClient({ endpoint: process.env.KEYROTATE_E2E_EMULATOR, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const keys = await client.send(new ListAccessKeysCommand({ UserName: user }));
  expect(keys.AccessKeyMetadata).toHaveLength(2);
  await alice.close();
  await bob.close();
});
