// A second keyrotate process for race tests (two server instances sharing one database): runs one direct
// key action and prints its outcome as JSON.
// node --conditions=react-server --import tsx lib/testing/action-worker.ts deactivate|delete <accessKeyId>
import { userMessageOf } from "../errors.ts";
import { defaultDeps } from "../rotation/context.ts";
import { deactivateKey, deleteKey, loadKey } from "../rotation/key-actions.ts";

const [what, accessKeyId] = process.argv.slice(2);
const actor = { name: `Worker ${process.pid}`, role: "admin" as const, subject: `test:${process.pid}` };
const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
try {
  const key = await loadKey(accessKeyId);
  const out = what === "delete" ? await deleteKey({ key, actor }, deps) : await deactivateKey({ key, actor }, deps);
  console.log(JSON.stringify({ ok: true, message: out.message }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, message: userMessageOf(error) }));
}
process.exit(0);
