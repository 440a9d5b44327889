// The world the rotation runner's integration tests share: the emulator with a 60 s quiet window and a
// 120 s inactive period (the tests move the runner's clock past them), a fresh database, and a rotator.
import type { Actor } from "../auth/roles.ts";
import { setupEmulator } from "./emulator.ts";
import { setupFreshDatabase } from "./use-database.ts";

export const QUIET_S = 60;
export const INACTIVE_S = 120;
export const ACCOUNT = "123456789012";
export const alice: Actor = { name: "alice", role: "rotator" };

/** Call at the top of a test file: returns the emulator's handle. */
export function setupRunnerWorld() {
  const emulator = setupEmulator({ KEYROTATE_QUIET_WINDOW_SECONDS: String(QUIET_S), KEYROTATE_INACTIVE_PERIOD_SECONDS: String(INACTIVE_S) });
  setupFreshDatabase();
  return emulator;
}
