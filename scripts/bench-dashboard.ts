// The dashboard at scale: `next start` on the benchmark's database, signed in with demo sign-in, then
// the server time (request sent to last byte) of 20 requests, the page's HTML size and the server's RSS.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { freePort } from "../lib/testing/free-port.ts";

const root = resolve(import.meta.dirname, "..");
const REQUESTS = 20;

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

export async function measureDashboard(databaseUrl: string, keys: number): Promise<void> {
  console.log(`\ndashboard at ${keys} keys (next start, production build):`);
  if (!process.env.KEYROTATE_BENCH_SKIP_BUILD || !existsSync(resolve(root, ".next/BUILD_ID"))) {
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KEYROTATE_DEMO_SIGNIN: "1",
      KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION: "1",
      KEYROTATE_PUBLIC_URL: base,
      KEYROTATE_WEBHOOK_URL: "",
      NODE_ENV: "production",
    },
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error("next start did not answer");
      const ok = await fetch(`${base}/signin`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const signIn = await fetch(`${base}/auth/demo`, { method: "POST", body: new URLSearchParams({ name: "Bench", role: "admin" }), redirect: "manual" });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const times: number[] = [];
    let html = "";
    for (let i = 0; i < REQUESTS + 2; i++) {
      const started = performance.now();
      const response = await fetch(`${base}/`, { headers: { cookie } });
      html = await response.text();
      if (!response.ok || !html.includes("Access keys")) throw new Error(`dashboard answered ${response.status}`);
      if (i >= 2) times.push(performance.now() - started); // the first two warm the server up
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)];
    const bytes = Buffer.byteLength(html);
    const rss = treeRssMb(server.pid!);
    const row = (label: string, value: string, met: boolean) => console.log(`  ${label.padEnd(52)} ${value.padEnd(12)} ${met ? "met" : "MISSED"}`);
    row(`server time, p50 of ${REQUESTS} requests (target < 300 ms)`, `${p50.toFixed(0)} ms`, p50 < 300);
    row("HTML size (target < 400 KB)", `${(bytes / 1024).toFixed(0)} KB`, bytes < 400 * 1024);
    row("server RSS (target < 350 MB)", `${rss.toFixed(0)} MB`, rss < 350);
  } finally {
    server.kill("SIGTERM");
  }
}
