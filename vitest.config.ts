import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) run everywhere. Integration tests (*.int.test.ts) run once per database:
// SQLite always, PostgreSQL when KEYROTATE_TEST_POSTGRES_URL names a server (CI sets it; `npm test`
// sets it when a server answers on the default local address). Both projects run the same files.
const integration = (provider: "sqlite" | "postgresql") => ({
  extends: true as const,
  test: {
    name: `int-${provider}`,
    include: ["**/*.int.test.ts"],
    env: { KEYROTATE_TEST_PROVIDER: provider },
    globalSetup: ["lib/testing/global-setup.ts"],
  },
});

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": fileURLToPath(new URL("./lib/testing/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    exclude: ["node_modules/**", "e2e/**", ".next/**", "lib/db/generated/**", ".tmp/**"],
    // Integration tests mostly wait (on the emulator, a database, a CLI process starting): one worker per
    // core leaves a 2-core CI machine half idle. 3 workers there: 570 s for the whole suite instead of 811 s.
    maxWorkers: Math.max(3, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", ".tmp/**"] } },
      integration("sqlite"),
      ...(process.env.KEYROTATE_TEST_POSTGRES_URL ? [integration("postgresql")] : []),
    ],
  },
});
