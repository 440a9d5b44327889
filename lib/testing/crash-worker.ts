// A stand-in for the server process in crash tests: runs one side-effecting operation of keyrotate's own
// code (a rotation step, or a sync) and is killed with SIGKILL by the test at a chosen IAM call.
// node --conditions=react-server --import tsx lib/testing/crash-worker.ts advance <rotationId> <command> | sync
import { advanceRotation, loadRotation, type RotationCommand } from "../rotation/runner.ts";
import { runSync } from "../sync/run-sync.ts";
import { defaultDeps } from "../rotation/context.ts";

const [what, rotationId, type] = process.argv.slice(2);
const actor = { name: "Crash Worker", role: "admin" as const, subject: "test:crash" };
const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };

if (what === "advance") {
  const command = (type === "confirm-locations" ? { type, acknowledgeNoLocations: true } : { type }) as RotationCommand;
  await advanceRotation({ rotation: await loadRotation(rotationId), command, actor }, deps);
} else if (what === "sync") {
  await runSync("crash-worker");
} else {
  throw new Error(`unknown operation ${what}`);
}
console.log("finished");
process.exit(0);
