// Hands-free distribution in Chromium against the emulator: keyrotate writes Secrets Manager and SSM itself,
// a person ticks the rest, a rollback restores the stores, a refused write waits for a retry, and the
// secret is found nowhere it must not be.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { Page } from "@playwright/test";
import { checkPage } from "./axe.ts";
import { expect, test, unique, type Dashboard } from "./fixtures.ts";
import { findSecrets } from "../lib/testing/leak-scan.ts";

const REGION = "eu-west-2";
const work = process.env.KEYROTATE_E2E_WORKDIR!;
const secrets: string[] = [];
const aws = { endpoint: process.env.KEYROTATE_E2E_EMULATOR, region: REGION, credentials: { accessKeyId: "t", secretAccessKey: "t" } };
const sm = new SecretsManagerClient(aws);
const ssm = new SSMClient(aws);

// Asked by stage: after a stage move moto still answers the old default version when none is named.
const secretAt = async (name: string, stage = "AWSCURRENT") =>
  JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: stage }))).SecretString!) as Record<string, string>;
const parameter = async (name: string) => (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter!.Value;

type Store = { kind: "aws-secrets-manager"; identifier: string } | { kind: "aws-ssm-parameter"; identifier: string; secretParameter: string };

async function addLocation(page: Page, accessKeyId: string, loc: { system: string; identifier: string; store?: Store }) {
  const form = page.getByRole("region", { name: "Add location" });
  await form.getByLabel("Kind").selectOption(loc.store?.kind ?? "third-party");
  await form.getByLabel("System").fill(loc.system);
  await form.getByLabel("Environment").fill("production");
  await form.getByLabel("Identifier").fill(loc.identifier);
  if (loc.store) await form.getByLabel("Region").fill(REGION);
  if (loc.store?.kind === "aws-ssm-parameter") await form.getByLabel("Secret parameter").fill(loc.store.secretParameter);
  await form.getByRole("button", { name: "Add location" }).click();
}

async function seedStores(user: string, old: { accessKeyId: string; secretAccessKey: string }) {
  await sm.send(new CreateSecretCommand({ Name: `${user}/aws`, SecretString: JSON.stringify({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey, LOG_LEVEL: "info" }) }));
  await ssm.send(new PutParameterCommand({ Name: `/${user}/id`, Value: old.accessKeyId, Type: "String" }));
  await ssm.send(new PutParameterCommand({ Name: `/${user}/secret`, Value: old.secretAccessKey, Type: "SecureString" }));
}

/** `beforeClose` runs just before the dialog closes: from then on the secret must travel nowhere. */
async function startAndCreate(page: Page, dashboard: Dashboard, user: string, oldKeyId: string, beforeClose?: () => void) {
  await dashboard.goto();
  await dashboard.row(oldKeyId).getByRole("button", { name: `Rotate ${user}` }).click();
  await page.getByRole("button", { name: "Locations are complete" }).click();
  await page.getByRole("button", { name: "Create new key" }).click();
  const dialog = page.getByRole("dialog", { name: `New access key for ${user}` });
  await expect(dialog).toBeVisible();
  const text = await dialog.innerText();
  const secret = text.match(/AWS_SECRET_ACCESS_KEY=(\S+)/)![1];
  const newKeyId = text.match(/AKIA[A-Z0-9]{16}/g)!.find((id) => id !== oldKeyId)!;
  secrets.push(secret);
  await dialog.getByRole("button", { name: "Close" }).click();
  beforeClose?.();
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(dialog).toBeHidden();
  return { secret, newKeyId };
}

const step = (page: Page) => page.getByTestId("rotation-step");

test("keyrotate writes Secrets Manager and SSM, a person ticks the rest, and a rollback restores the stores", async ({ page, iam, dashboard, context }) => {
  test.setTimeout(300_000); // a whole rotation with four axe runs
  const user = unique("dist");
  const [old] = await iam.seed([{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: REGION } }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await seedStores(user, old);

  await page.goto(`/keys/${old.accessKeyId}`);
  // A store keyrotate cannot find is refused when recorded, saying why.
  await addLocation(page, old.accessKeyId, { system: "api", identifier: `${user}/missing`, store: { kind: "aws-secrets-manager", identifier: `${user}/missing` } });
  await expect(page.getByRole("region", { name: "Add location" })).toContainText(`${user}/missing does not exist in ${REGION}`);
  await checkPage(page, "key page, store location form with an error");
  await page.reload();
  await addLocation(page, old.accessKeyId, { system: "api", identifier: `${user}/aws`, store: { kind: "aws-secrets-manager", identifier: `${user}/aws` } });
  await expect(page.getByRole("listitem").filter({ hasText: `${user}/aws` })).toBeVisible();
  await addLocation(page, old.accessKeyId, { system: "worker", identifier: `/${user}/id`, store: { kind: "aws-ssm-parameter", identifier: `/${user}/id`, secretParameter: `/${user}/secret` } });
  await expect(page.getByRole("listitem").filter({ hasText: `/${user}/id` })).toBeVisible();
  await addLocation(page, old.accessKeyId, { system: "Fastly", identifier: "logging endpoint" });
  await expect(page.getByRole("listitem").filter({ hasText: "logging endpoint" })).toBeVisible();

  // The manual location needs a person, so the secret is shown once; both stores are written and ticked.
  // Every response and request after the dialog closed is kept, to be searched for the secret at the end.
  const traffic: Buffer[] = [];
  const { secret, newKeyId } = await startAndCreate(page, dashboard, user, old.accessKeyId, () => {
    context.on("response", (response) => void response.body().then((b) => traffic.push(b), () => {}));
    context.on("request", (request) => void (request.postDataBuffer() && traffic.push(request.postDataBuffer()!)));
  });
  await expect(page.getByTestId("rotation-outcome")).toContainText(`${user}/aws (api, production): done (version`);
  await expect(page.getByTestId("rotation-outcome")).toContainText(`/${user}/id (worker, production): done (version 2/2)`);
  expect(await secretAt(`${user}/aws`)).toEqual({ AWS_ACCESS_KEY_ID: newKeyId, AWS_SECRET_ACCESS_KEY: secret, LOG_LEVEL: "info" });
  expect((await secretAt(`${user}/aws`, "AWSPREVIOUS")).AWS_ACCESS_KEY_ID).toBe(old.accessKeyId);
  expect([await parameter(`/${user}/id`), await parameter(`/${user}/secret`)]).toEqual([newKeyId, secret]);
  await expect(page.getByRole("button", { name: `Untick ${user}/aws (production)` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Untick /${user}/id (production)` })).toBeVisible();
  await expect(page.getByRole("button", { name: "All locations updated and redeployed" })).toBeDisabled();
  await checkPage(page, "rotation page, stores written");
  await page.getByRole("button", { name: "Mark logging endpoint (production) updated" }).click();
  await page.getByRole("button", { name: "All locations updated and redeployed" }).click();

  // The cut-over check is unchanged.
  await expect(step(page)).toHaveText("Verify cut-over");
  await iam.use({ accessKeyId: newKeyId, secretAccessKey: secret });
  await expect(page.getByRole("button", { name: "Confirm cut-over" })).toBeEnabled({ timeout: 20_000 });
  await page.getByRole("button", { name: "Confirm cut-over" }).click();
  await page.getByRole("button", { name: "Notify 2nd line" }).click();
  await page.getByRole("button", { name: `Deactivate old key ${old.accessKeyId}` }).click();
  await expect(step(page)).toHaveText("Delete old key");

  // Rollback offers the stores too (ticked by default) and restores the previous versions.
  await expect(page.getByLabel(/Also make the previous version current again in the 2 store/)).toBeChecked();
  await checkPage(page, "rotation page, rollback offering the stores");
  await page.getByRole("button", { name: `Reactivate old key ${old.accessKeyId} (roll back)` }).click();
  await expect(step(page)).toHaveText("Verify cut-over");
  await expect(page.getByTestId("rotation-outcome")).toContainText(`${user}/aws (api, production): done`);
  expect((await secretAt(`${user}/aws`)).AWS_ACCESS_KEY_ID).toBe(old.accessKeyId);
  expect([await parameter(`/${user}/id`), await parameter(`/${user}/secret`)]).toEqual([old.accessKeyId, old.secretAccessKey]);

  await page.goto(`/audit?key=${newKeyId}`);
  const actions = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.filter((a) => a === "rotation.store-write")).toHaveLength(2);
  expect(actions.filter((a) => a === "rotation.store-restore")).toHaveLength(2);

  // The scan sees the traffic (the new key's id is in it) and the secret is in none of it.
  expect(traffic.filter((b) => b.includes(newKeyId)).length).toBeGreaterThan(0);
  expect(traffic.filter((b) => b.includes(secret))).toHaveLength(0);
});

test("a refused write stays unticked with its reason; a retry with the shown secret writes it", async ({ page, iam, dashboard }) => {
  test.setTimeout(180_000);
  const user = unique("distfail");
  const [old] = await iam.seed([{ userName: user, keys: [{ ageDays: 100, lastUsed: { daysAgo: 1, service: "s3", region: REGION } }] }]);
  await dashboard.goto();
  await dashboard.syncNow();
  await seedStores(user, old);
  await page.goto(`/keys/${old.accessKeyId}`);
  await addLocation(page, old.accessKeyId, { system: "api", identifier: `${user}/aws`, store: { kind: "aws-secrets-manager", identifier: `${user}/aws` } });
  await expect(page.getByRole("listitem").filter({ hasText: `${user}/aws` })).toBeVisible();
  // Gone after it was recorded: the write is refused.
  await sm.send(new DeleteSecretCommand({ SecretId: `${user}/aws`, ForceDeleteWithoutRecovery: true }));

  const { secret, newKeyId } = await startAndCreate(page, dashboard, user, old.accessKeyId);
  await expect(page.getByTestId("store-write-failed")).toContainText(`${user}/aws does not exist in ${REGION}`);
  await expect(page.getByRole("button", { name: `Mark ${user}/aws (production) updated` })).toBeVisible();
  await checkPage(page, "rotation page, a failed store write");

  await sm.send(new CreateSecretCommand({ Name: `${user}/aws`, SecretString: JSON.stringify({ AWS_ACCESS_KEY_ID: old.accessKeyId, AWS_SECRET_ACCESS_KEY: old.secretAccessKey }) }));
  await page.getByLabel(/The new key's secret access key/).fill(secret);
  await page.getByRole("button", { name: `Retry writing ${user}/aws` }).click();
  await expect(page.getByRole("button", { name: `Untick ${user}/aws (production)` })).toBeVisible();
  expect((await secretAt(`${user}/aws`)).AWS_ACCESS_KEY_ID).toBe(newKeyId);
  await expect(page.getByRole("button", { name: "All locations updated and redeployed" })).toBeEnabled();
});

test("the secrets of this flow are in no database file, server log or .next/ file", async () => {
  test.skip(secrets.length === 0, "needs the rotations' secrets");
  const places = [join(work, "server.log"), ".next", ...["e2e.db", "e2e.db-wal", "e2e.db-journal"].map((f) => join(work, f))].filter((p) => existsSync(p));
  expect(places).toContain(join(work, "server.log"));
  expect(findSecrets(places, secrets)).toEqual([]);
});
