// Hostile input: every server action, every route handler and the CSV import receive generated
// payloads (over-long text, wrong types, awkward unicode, SQL and HTML, access key ids of the wrong shape,
// ids of another account's key, a protected user). Each must be refused with a message a person can read,
// never a 5xx or an unhandled error, and nothing may change: not a row (a refusal may be audited), not IAM.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount } from "@/lib/accounts/registry.ts";
import type { Actor } from "@/lib/auth/roles.ts";
import { GENERIC_FAILURE } from "@/lib/errors.ts";
import { addLocationToKey } from "@/lib/locations/registry.ts";
import { defaultDeps } from "@/lib/rotation/context.ts";
import { beginRotation } from "@/lib/rotation/runner.ts";
import { runSync } from "@/lib/sync/run-sync.ts";
import { ACTIONS, foundActions, foundRoutes, loadAppModule, ROUTES } from "@/lib/testing/app-surface.ts";
import { setupEmulator } from "@/lib/testing/emulator.ts";
import { actionTargets, type HostileFixture } from "@/lib/testing/hostile-actions.ts";
import { expectReadable, routeTargets, SITE, type RouteCall } from "@/lib/testing/hostile-routes.ts";
import { seedIam } from "@/lib/testing/moto/seed.ts";
import { databaseFingerprint, databaseState, iamState } from "@/lib/testing/state-snapshot.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";

let who: Actor | null = null;
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ REQUEST_ID_HEADER: "x-request-id", currentActor: async () => who }));

const HOME = "123456789012";
const PROD = "222233334444";
const emulator = setupEmulator({
  KEYROTATE_PROTECTED_USERS: "breakglass-*",
  KEYROTATE_DEMO_SIGNIN: "1",
  KEYROTATE_PUBLIC_URL: SITE,
  // A provider nobody answers at: sign-in's routes must still end on the sign-in page.
  KEYROTATE_OIDC_ISSUER: "http://127.0.0.1:59999/",
  KEYROTATE_OIDC_CLIENT_ID: "keyrotate",
  KEYROTATE_OIDC_CLIENT_SECRET: "secret",
});
setupFreshDatabase();
const root = resolve(import.meta.dirname, "..");
const figures = { inputsTried: 0, rejectedCleanly: 0, accepted: 0 };
const rotator: Actor = { name: "Rita Rotator", subject: "oidc:rita", role: "rotator" };
const admin: Actor = { name: "Ada Admin", subject: "oidc:ada", role: "admin" };
let fx: HostileFixture;
let iamAtStart: Record<string, string[]>;

// The provider is unreachable on purpose: its expected complaint, once per sign-in start, is not news.
const logError = console.error.bind(console);
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  if (!String(args[0]).startsWith("sign-in could not start")) logError(...args);
});

afterAll(() => {
  mkdirSync(join(root, ".tmp/resilience"), { recursive: true });
  writeFileSync(join(root, `.tmp/resilience/hostile-input-${process.env.KEYROTATE_TEST_PROVIDER}.json`), JSON.stringify(figures));
});

beforeAll(async () => {
  const [home, guarded] = await seedIam(emulator.endpoint(), [
    { userName: "app-user", keys: [{ ageDays: 120, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-2" } }] },
    { userName: "breakglass-admin", keys: [{ ageDays: 200, lastUsed: { daysAgo: 3, service: "iam", region: "us-east-1" } }] },
  ]);
  const [prod] = await seedIam(emulator.endpoint(), [{ userName: "prod-app", keys: [{ ageDays: 100 }] }], new Date(), { accountId: PROD });
  await addAccount({ name: "default" }, "test");
  await addAccount({ name: "production", roleArn: `arn:aws:iam::${PROD}:role/keyrotate`, changeRole: "admin" }, "test");
  await runSync("test");
  const location = { kind: "secrets-repo" as const, system: "govuk-secrets", environment: "production", identifier: "app", notes: null };
  const homeLocation = await addLocationToKey(home.accessKeyId, location, "test");
  const otherLocation = await addLocationToKey(prod.accessKeyId, location, "test");
  const deps = { ...defaultDeps, notify: async () => ({ ok: true as const }) };
  const { rotation } = await beginRotation({ accountId: HOME, userName: "app-user", actor: admin }, deps);
  fx = {
    homeAccount: HOME,
    otherAccount: PROD,
    homeKey: home.accessKeyId,
    otherAccountKey: prod.accessKeyId,
    protectedKey: guarded.accessKeyId,
    protectedUser: "breakglass-admin",
    homeLocation: homeLocation.id,
    otherAccountLocation: otherLocation.id,
    rotationId: rotation.id,
    rotationVersion: rotation.version,
    rotator,
    admin,
  };
  iamAtStart = await iamState(emulator.endpoint(), [HOME, PROD]);
}, 120_000);

type State = Awaited<ReturnType<typeof databaseState>>;
const BOOKKEEPING = ["lastSeenAt", "updatedAt", "reportGeneratedAt"];
// A sync's runs, lease and audit; a demo sign-in's audit (and its sign-out's: the session itself is gone again).
const BOOKKEEPING_MARKS = ["accountsChanged", "usersSeen", "keysSeen", "syncRuns", "leases", "auditSuccesses"];

/** What must not change. After an accepted input (a sync) only bookkeeping may: when it last saw things, its runs, its audit. */
function comparable(state: State, accepted: boolean | undefined) {
  if (!accepted) return state;
  const strip = <T extends object>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !BOOKKEEPING.includes(k))));
  return { ...state, accounts: strip(state.accounts), users: strip(state.users), keys: strip(state.keys), syncRuns: [], leases: [], auditSuccesses: [] };
}

/**
 * Around every input, the cheap fingerprint must not move (an accepted one may move only bookkeeping marks);
 * around every target, every row of every table and IAM itself must be as they were.
 */
async function unchangedBy<T>(inputs: fc.Arbitrary<T>, runs: number, mayAccept: boolean | undefined, send: (input: T) => Promise<"rejected" | "accepted">) {
  const before = await databaseState();
  let mark = await databaseFingerprint();
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      const verdict = await send(input);
      const now = await databaseFingerprint();
      const moved = Object.keys(now).filter((k) => now[k] !== mark[k] && !(verdict === "accepted" && BOOKKEEPING_MARKS.includes(k)));
      expect(moved, `changed by this input: ${moved.map((k) => `${k} ${mark[k]} -> ${now[k]}`).join(", ")}`).toEqual([]);
      mark = now;
      tally(verdict);
    }),
    // No shrinking: state left by a failing input would make every smaller one fail too.
    { numRuns: runs, endOnFailure: true, seed: Number(process.env.KEYROTATE_HOSTILE_SEED ?? Date.now() % 2 ** 31) },
  );
  expect(comparable(await databaseState(), mayAccept)).toEqual(comparable(before, mayAccept));
  // Nothing ever changes IAM here: every target is held to the users and keys seeded at the start.
  expect(await iamState(emulator.endpoint(), [HOME, PROD])).toEqual(iamAtStart);
}

function tally(verdict: "rejected" | "accepted") {
  figures.inputsTried++;
  if (verdict === "rejected") figures.rejectedCleanly++;
  else figures.accepted++;
}

describe("hostile input", () => {
  it("has generated inputs for every server action and route handler the app exports", async () => {
    expect(Object.keys(actionTargets(fx)).sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(Object.keys(routeTargets(fx)).sort()).toEqual(Object.keys(ROUTES).sort());
    expect(await foundActions()).toEqual(Object.keys(ACTIONS).sort());
    expect(await foundRoutes()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(ACTIONS))("%s refuses each with a readable message and changes nothing", async (id) => {
    const [file, name] = id.split("#");
    const action = (await loadAppModule(file))[name] as (prev: unknown, payload: unknown) => Promise<{ ok: boolean; message: string; errors?: unknown }>;
    const target = actionTargets(fx)[id];
    await unchangedBy(target.payload, target.runs, target.mayAccept, async (payload) => {
      who = target.actor;
      const state = await action(undefined, payload);
      expect(state.message, JSON.stringify(state)).toEqual(expect.any(String));
      expect(state.message).not.toBe(GENERIC_FAILURE);
      expectReadable(state.message);
      if (state.ok) expect(target.mayAccept, `accepted: ${state.message}`).toBe(true);
      return state.ok ? "accepted" : "rejected";
    });
  }, 120_000);

  it.each(Object.keys(ROUTES))("%s answers each without a 5xx and changes nothing", async (id) => {
    const [file, method] = id.split("#");
    const handler = (await loadAppModule(file))[method] as (req: NextRequest, ctx: unknown) => Promise<Response>;
    const target = routeTargets(fx)[id];
    await unchangedBy(target.call, target.runs, target.mayAccept, async (call) => {
      who = target.actor;
      const response = await handler(request(call), { params: Promise.resolve(call.params ?? {}) });
      const body = await response.text();
      expect(response.status, body.slice(0, 300)).toBeLessThan(500);
      return target.judge(response, body);
    });
  }, 120_000);

  it("tried at least 1,000 inputs, each refused cleanly or served as designed", () => {
    expect(figures.inputsTried).toBeGreaterThanOrEqual(1000);
    expect(figures.rejectedCleanly + figures.accepted).toBe(figures.inputsTried);
  });
});

function request(call: RouteCall): NextRequest {
  const url = new URL(call.path, SITE);
  for (const [k, v] of call.query) url.searchParams.append(k, v);
  return new NextRequest(url, { method: call.method, headers: { host: new URL(SITE).host, ...call.headers }, body: call.body as BodyInit | undefined });
}
