import { existsSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Run through `npm run test:e2e` (e2e/run.ts), which provides the emulator, database and port.
const port = Number(process.env.KEYROTATE_E2E_PORT ?? 3100);
const barePort = Number(process.env.KEYROTATE_E2E_BARE_PORT ?? 3101);
const work = process.env.KEYROTATE_E2E_WORKDIR ?? ".tmp/e2e";
// Debian's Chromium where Playwright cannot download its own; KEYROTATE_CHROMIUM overrides.
const chromium = process.env.KEYROTATE_CHROMIUM ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // Specs share one emulator and database: each seeds its own users, and they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: join(work, "playwright.json") }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      // The server's output goes to a file the secret-leak test reads.
      command: `npx next start -H 127.0.0.1 -p ${port} > ${join(work, "server.log")} 2>&1`,
      url: `http://127.0.0.1:${port}/signin`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The same build with no way to sign in configured: it must serve nothing but the page saying so.
      command: `env -u KEYROTATE_OIDC_ISSUER -u KEYROTATE_OIDC_CLIENT_ID -u KEYROTATE_OIDC_CLIENT_SECRET -u KEYROTATE_DEMO_SIGNIN -u KEYROTATE_PUBLIC_URL -u KEYROTATE_WEBHOOK_URL npx next start -H 127.0.0.1 -p ${barePort} > ${join(work, "bare-server.log")} 2>&1`,
      url: `http://127.0.0.1:${barePort}/signin`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
