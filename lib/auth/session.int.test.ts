// Sessions against a real database: a stored hash, an absolute deadline, an idle timeout, and no life
// beyond the way of signing in that made them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db/client.ts";
import { resetEnvCache } from "../env.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { endSession, readSession, startSession } from "./session.ts";

setupFreshDatabase();

const T0 = new Date("2026-12-01T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const person = { subject: "demo:rita", name: "Rita", email: null, role: "rotator" as const, provider: "demo" as const, idToken: null };

beforeEach(() => {
  Object.assign(process.env, { KEYROTATE_DEMO_SIGNIN: "1", KEYROTATE_SESSION_MAX_AGE_SECONDS: "7200", KEYROTATE_SESSION_IDLE_SECONDS: "1800" });
  resetEnvCache();
});
afterEach(() => {
  delete process.env.KEYROTATE_DEMO_SIGNIN;
  resetEnvCache();
});

describe("sessions", () => {
  it("stores only a hash of the token, and the cookie is httpOnly, SameSite=Lax and ends with the session", async () => {
    const cookie = await startSession(person, T0);
    expect(cookie).toMatchObject({ name: "keyrotate-session", options: { httpOnly: true, sameSite: "lax", path: "/", expires: minutes(120) } });
    const rows = await db().session.findMany();
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect(await readSession(cookie.value, minutes(1))).toMatchObject({ name: "Rita", role: "rotator" });
  });

  it("ends after the idle timeout, and after the absolute deadline however busy", async () => {
    const idle = await startSession(person, T0);
    expect(await readSession(idle.value, minutes(31))).toBeNull();
    expect(await readSession(idle.value, minutes(2))).toBeNull(); // gone for good

    const busy = await startSession(person, T0);
    for (let m = 20; m < 120; m += 20) expect(await readSession(busy.value, minutes(m)), `minute ${m}`).not.toBeNull();
    expect(await readSession(busy.value, minutes(121))).toBeNull();
  });

  it("ends on sign-out, and refuses tokens it never issued", async () => {
    const cookie = await startSession(person, T0);
    expect(await endSession(cookie.value)).toMatchObject({ subject: "demo:rita" });
    expect(await readSession(cookie.value, minutes(1))).toBeNull();
    expect(await readSession("x".repeat(43), minutes(1))).toBeNull();
    expect(await readSession("short", minutes(1))).toBeNull();
  });

  it("does not outlive its way of signing in: a demo session dies when demo sign-in is turned off", async () => {
    const cookie = await startSession(person, T0);
    delete process.env.KEYROTATE_DEMO_SIGNIN;
    resetEnvCache();
    expect(await readSession(cookie.value, minutes(1))).toBeNull();
  });
});
