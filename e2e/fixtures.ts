// Fixtures: each spec seeds its own IAM users (names unique to the spec) into the run's emulator.
import { test as base, expect, type Page } from "@playwright/test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { backdateKey } from "../lib/testing/moto/process.ts";
import { seedIam, unseedIam, type SeedUser, type SeededKey } from "../lib/testing/moto/seed.ts";

const endpoint = () => {
  const url = process.env.KEYROTATE_E2E_EMULATOR;
  if (!url) throw new Error("Run e2e tests with `npm run test:e2e` (it starts the emulator).");
  return url;
};

export class Iam {
  /** Seeds the emulator's default account, or another one (reached by AssumeRole, as keyrotate reaches it). */
  seed(users: SeedUser[], opts: { accountId?: string } = {}): Promise<SeededKey[]> {
    return seedIam(endpoint(), users, new Date(), opts);
  }
  /** Removes seeded users and keys from IAM (the next sync marks them gone). */
  unseed(keys: SeededKey[]): Promise<void> {
    return unseedIam(endpoint(), keys);
  }
  /** The application starts using this key: moto records its last use. */
  async use(key: { accessKeyId: string; secretAccessKey: string }): Promise<void> {
    const sts = new STSClient({ endpoint: endpoint(), region: "eu-west-2", credentials: key });
    await sts.send(new GetCallerIdentityCommand({}));
  }
  backdate = (input: Parameters<typeof backdateKey>[1]) => backdateKey(endpoint(), input);
}

export class Dashboard {
  constructor(readonly page: Page) {}
  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Access keys" })).toBeVisible();
  }
  /** `timeout` for a sync of many new users (each new used key costs IAM calls). */
  async syncNow({ timeout }: { timeout?: number } = {}) {
    await this.page.getByRole("button", { name: "Sync now" }).click();
    await expect(this.page.getByText(/^Synced \d+ keys/)).toBeVisible({ timeout });
  }
  row(accessKeyId: string) {
    return this.page.locator(`tr[data-key-id="${accessKeyId}"]`);
  }
  /** A row keeps one next step as its button; the others wait behind its "More" menu, opened here. */
  async openMenu(accessKeyId: string) {
    const more = this.row(accessKeyId).getByRole("button", { name: `More actions for ${accessKeyId}` });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await more.click();
    await expect(more).toHaveAttribute("aria-expanded", "true");
  }
  async filter(text: string) {
    await this.page.getByLabel("Filter").fill(text);
  }
  rows() {
    return this.page.locator("tbody tr[data-key-id]");
  }
}

export type DemoRole = "viewer" | "rotator" | "admin";

/** Demo sign-in (the e2e server enables it): the session cookie lands in the page's browser context. */
export async function signIn(page: Page, name = "E2E Admin", role: DemoRole = "admin"): Promise<void> {
  const response = await page.context().request.post("/auth/demo", { form: { name, role, next: "/" }, maxRedirects: 0 });
  expect(response.status(), "demo sign-in answers with a redirect").toBe(303);
}

export const test = base.extend<{ iam: Iam; dashboard: Dashboard }>({
  // Every spec starts signed in as an admin; a spec that needs someone else signs in again (or opens a new context).
  page: async ({ page }, provide) => {
    await signIn(page);
    await provide(page);
  },
  iam: async ({}, provide) => provide(new Iam()),
  dashboard: async ({ page }, provide) => provide(new Dashboard(page)),
});

export { expect };

/** A name no other spec or run uses. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
