// Sign-in through a real OpenID provider (oidc-provider on loopback), roles from its groups claim, the
// scope of managed users, and the surface a stranger sees: nothing without a session, refused everywhere.
import { request as httpRequest } from "node:http";
import type { Browser, Page, Request } from "@playwright/test";
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { expect, test, unique } from "./fixtures.ts";

const port = Number(process.env.KEYROTATE_E2E_PORT);
const barePort = Number(process.env.KEYROTATE_E2E_BARE_PORT);

async function keyStatus(userName: string, accessKeyId: string) {
  const iam = new IAMClient({ endpoint: process.env.KEYROTATE_E2E_EMULATOR, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } });
  const out = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
  return out.AccessKeyMetadata?.find((k) => k.AccessKeyId === accessKeyId)?.Status;
}

/** Signs in at the provider's own login page, as a person would. */
async function signInWithProvider(browser: Browser, person: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?next=%2F$/);
  await page.getByRole("link", { name: "Sign in with your organisation's account" }).click();
  await page.getByRole("button", { name: `Sign in as ${person}` }).click();
  await expect(page.getByRole("heading", { name: "Access keys" })).toBeVisible();
  return page;
}

/** The browser's own server-action request for Deactivate, caught before it leaves (it never runs). */
async function deactivateRequest(page: Page, accessKeyId: string): Promise<{ headers: Record<string, string>; body: Buffer }> {
  let caught: Request | undefined;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      caught = route.request();
      return route.abort();
    }
    return route.continue();
  });
  const row = page.locator(`tr[data-key-id="${accessKeyId}"]`);
  await row.getByRole("button", { name: `More actions for ${accessKeyId}` }).click();
  await row.getByRole("button", { name: `Deactivate ${accessKeyId}` }).click();
  await page.getByRole("dialog", { name: /Deactivate key/ }).getByRole("button", { name: "Deactivate key" }).click();
  await expect.poll(() => caught).toBeTruthy();
  await page.unroute("**/*");
  return { headers: caught!.headers(), body: caught!.postDataBuffer()! };
}

async function replay(page: Page, sent: { headers: Record<string, string>; body: Buffer }, changes: { from?: string; to?: string; origin?: string } = {}) {
  const body = changes.from ? Buffer.from(sent.body.toString("latin1").replaceAll(changes.from, changes.to!), "latin1") : sent.body;
  // The replaying page's own session: never the cookie of the person whose request was caught.
  const headers: Record<string, string> = { ...sent.headers, ...(changes.origin ? { origin: changes.origin } : {}) };
  delete headers.cookie;
  const response = await page.request.fetch("/", { method: "POST", headers, data: body });
  return { status: response.status(), text: await response.text() };
}

test("signed out, every page sends you to sign-in and every API answers 401", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  for (const path of ["/", "/audit", "/search?q=app", "/locations/import", "/keys/AKIAAAAAAAAAAAAAAAAA", "/rotations/whatever"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(`/signin?next=${encodeURIComponent(path)}`);
    await expect(page.getByRole("heading", { name: "Sign in to keyrotate" })).toBeVisible();
  }
  for (const [method, path] of [["GET", "/api/v1/audit/export"], ["GET", "/api/v1/locations/export"], ["POST", "/api/v1/locations/import"], ["GET", "/api/v1/rotations/x/cutover"]]) {
    expect((await page.request.fetch(path, { method, maxRedirects: 0 })).status(), `${method} ${path}`).toBe(401);
  }
});

test("a poweruser signs in at the provider, sees rotator controls, rotates a key and signs out; the audit names them", async ({ browser, iam, page: admin }) => {
  const user = unique("oidc-rotated");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 40 }] }]);
  const page = await signInWithProvider(browser, "Pat Poweruser");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Pat Poweruser (rotator)");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/^Synced \d+ keys/)).toBeVisible();

  // A never-used key needs no replacement: tell 2nd line, deactivate, wait out the inactive period, delete.
  await page.locator(`tr[data-key-id="${key.accessKeyId}"]`).getByRole("button", { name: `Rotate ${user}` }).click();
  await expect(page).toHaveURL(/\/rotations\//);
  await page.getByRole("button", { name: "Notify 2nd line" }).click();
  await page.getByRole("button", { name: `Deactivate old key ${key.accessKeyId}` }).click();
  const remove = page.getByRole("button", { name: `Delete old key ${key.accessKeyId}` });
  await expect(remove).toBeEnabled({ timeout: 20_000 });
  await remove.click();
  await expect(page.getByTestId("rotation-step")).toHaveText("Done");
  expect(await keyStatus(user, key.accessKeyId)).toBeUndefined();

  // Sign-out ends the session here and at the provider: the provider asks who you are again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedout=1/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/signin\?next=%2Faudit/);
  await page.getByRole("link", { name: "Sign in with your organisation's account" }).click();
  await expect(page.getByRole("button", { name: "Sign in as Pat Poweruser" })).toBeVisible();

  // An admin filters the audit trail by person: Pat's session, from sign-in to sign-out.
  await admin.goto("/audit");
  await admin.getByLabel("Person").selectOption({ label: "Pat Poweruser (oidc:pat)" });
  await admin.getByRole("button", { name: "Filter" }).click();
  const actions = await admin.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions).toEqual(expect.arrayContaining(["auth.signin", "inventory.sync", "rotation.start", "rotation.deactivate-old", "rotation.delete-old", "auth.signout"]));
  await expect(admin.locator("tbody tr").first()).toContainText("Pat Poweruser");
  await expect(admin.locator("tbody")).not.toContainText("Vic Viewer");
});

test("a plain member sees everything, can change nothing, and a direct POST of an action is refused", async ({ browser, iam, page }) => {
  const user = unique("viewed");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 40 }] }]);
  await page.goto("/");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/^Synced \d+ keys/)).toBeVisible();
  const deactivate = await deactivateRequest(page, key.accessKeyId); // an admin's own request, stopped before it left

  const viewer = await signInWithProvider(browser, "Vic Viewer");
  await expect(viewer.getByTestId("signed-in-as")).toHaveText("Vic Viewer (viewer)");
  const row = viewer.locator(`tr[data-key-id="${key.accessKeyId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await viewer.goto(`/keys/${key.accessKeyId}`);
  await expect(viewer.getByRole("heading", { name: "Locations" })).toBeVisible();
  await expect(viewer.getByRole("region", { name: "Add location" })).toHaveCount(0);

  const answer = await replay(viewer, deactivate);
  expect(answer.text).toContain("Your role (viewer) may not do this (key.deactivate).");
  expect(await keyStatus(user, key.accessKeyId)).toBe("Active");
});

test("a protected user's key shows no actions, and its actions are refused on the server", async ({ iam, page }) => {
  const protectedUser = unique("break-glass");
  const ordinary = unique("ordinary");
  const [guarded, other] = await iam.seed([
    { userName: protectedUser, keys: [{ ageDays: 40 }] },
    { userName: ordinary, keys: [{ ageDays: 40 }] },
  ]);
  await page.goto("/");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/^Synced \d+ keys/)).toBeVisible();
  const row = page.locator(`tr[data-key-id="${guarded.accessKeyId}"]`);
  await expect(row.getByTestId("read-only")).toContainText("Protected user (KEYROTATE_PROTECTED_USERS: break-glass-*)");
  await expect(row.getByRole("button")).toHaveCount(0);

  // The admin's own request for another key, aimed at the protected one: the server refuses it.
  const deactivate = await deactivateRequest(page, other.accessKeyId);
  const answer = await replay(page, deactivate, { from: other.accessKeyId, to: guarded.accessKeyId });
  expect(answer.text).toContain(`keyrotate does not change ${protectedUser}.`);
  expect(await keyStatus(protectedUser, guarded.accessKeyId)).toBe("Active");
  expect(await keyStatus(ordinary, other.accessKeyId)).toBe("Active");

  await page.goto(`/audit?key=${guarded.accessKeyId}`);
  await expect(page.locator("tbody tr").first()).toContainText("keyrotate does not change");
});

test("a server action sent from another origin is refused, and nothing changes", async ({ iam, page }) => {
  const user = unique("cross-origin");
  const [key] = await iam.seed([{ userName: user, keys: [{ ageDays: 40 }] }]);
  await page.goto("/");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/^Synced \d+ keys/)).toBeVisible();
  const deactivate = await deactivateRequest(page, key.accessKeyId);
  const answer = await replay(page, deactivate, { origin: "https://evil.example" });
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(await keyStatus(user, key.accessKeyId)).toBe("Active");
});

test("foreign Host names get 421, and pages carry the CSP nonce and security headers", async ({ page }) => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/signin", headers: { host: "evil.example" } }, (res) => resolve(res.statusCode ?? 0));
    req.on("error", reject);
    req.end();
  });
  expect(status).toBe(421);

  const response = await page.request.get("/signin");
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["set-cookie"]).toBeUndefined();
  // The nonce reaches Next.js's own scripts, which therefore run: the page is interactive.
  expect(await response.text()).toMatch(/<script[^>]+nonce="/);
});

test("a session cookie is httpOnly, SameSite and scoped to the site", async ({ page }) => {
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "keyrotate-session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(session!.expires).toBeGreaterThan(Date.now() / 1000);
});

test("a server with no sign-in configured serves only the page that says so", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: `http://127.0.0.1:${barePort}` })).newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?next=%2F$/);
  await expect(page.getByRole("heading", { name: "Sign-in is not configured" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Sign in with/ })).toHaveCount(0);
  expect((await page.request.get("/api/v1/audit/export")).status()).toBe(401);
  expect((await page.request.post("/auth/demo", { form: { name: "Mallory", role: "admin" }, maxRedirects: 0 })).status()).toBe(404);
  // Even a forged cookie opens nothing.
  await page.context().addCookies([{ name: "keyrotate-session", value: "x".repeat(43), url: `http://127.0.0.1:${barePort}` }]);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Sign-in is not configured" })).toBeVisible();
});

test("demo sign-in is announced on every page", async ({ page }) => {
  for (const path of ["/", "/audit", "/signin"]) {
    await page.goto(path);
    await expect(page.getByTestId("demo-banner"), path).toContainText("Demo sign-in is on");
  }
});
