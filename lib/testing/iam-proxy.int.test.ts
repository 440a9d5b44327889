// The proxy in front of moto: with one call in five failing (throttled, 500, 503 or dropped), the
// SDK's standard retries still get every call through, and each call's effect happens once.
import { CreateUserCommand, GetUserCommand, IAMClient, ListUsersCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupEmulator } from "./emulator.ts";
import { startIamProxy, type IamProxy } from "./iam-proxy.ts";

const emulator = setupEmulator();
let proxy: IamProxy;

beforeAll(async () => {
  proxy = await startIamProxy({ target: emulator.endpoint(), faultRate: 0.2, seed: 42 });
});
afterAll(() => proxy.stop());

describe("iam proxy against moto", () => {
  it("lets an IAMClient with standard retries through 20 % faults on 50 calls", { timeout: 120_000 }, async () => {
    const iam = new IAMClient({ endpoint: proxy.endpoint, maxAttempts: 10 });
    const names = Array.from({ length: 24 }, (_, i) => `retry-${String(i).padStart(2, "0")}`);
    try {
      for (const name of names) await iam.send(new CreateUserCommand({ UserName: name }));
      for (const name of names) expect((await iam.send(new GetUserCommand({ UserName: name }))).User?.UserName).toBe(name);
      const listed = await iam.send(new ListUsersCommand({}));
      await iam.send(new ListUsersCommand({}));
      // A fault answers before moto sees the call, so a retried CreateUser never meets EntityAlreadyExists.
      expect(listed.Users?.map((u) => u.UserName).sort()).toEqual(names);
    } finally {
      iam.destroy();
    }
    const stats = proxy.stats();
    const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
    const calls = names.length * 2 + 2;
    expect(faults).toBeGreaterThanOrEqual(5);
    // Every fault cost one extra request and nothing else.
    expect(stats.requests).toBe(calls + faults);
    expect(stats.byAction.CreateUser + stats.byAction.GetUser + stats.byAction.ListUsers).toBe(stats.requests);
    // Seed 42 draws every kind within these calls (requests are sequential, so the draws are fixed).
    expect(Object.keys(stats.faults).sort()).toEqual(["500", "503", "drop", "throttle"]);
  });
});
