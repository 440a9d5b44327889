// "Find where it is used" through its server action: CloudTrail reached through the SDK's own endpoint
// configuration (AWS_ENDPOINT_URL_CLOUDTRAIL) at a loopback server answering from recorded responses,
// inside the key's account as STS (the emulator) says keyrotate reaches it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/lib/db/audit.ts";
import { resetEnvCache } from "@/lib/env.ts";
import { resetIamClients } from "@/lib/iam/index.ts";
import { startCloudTrailFake, type CloudTrailFake } from "@/lib/testing/cloudtrail-fake.ts";
import { RECORDED_KEY_ID } from "@/lib/testing/cloudtrail-recorded.ts";
import { setupEmulator } from "@/lib/testing/emulator.ts";
import { ACCOUNT, fakeUser, seedInventory } from "@/lib/testing/inventory-fixture.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";
import { findKeyUsageAction } from "./usage-actions.ts";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ currentActor: async () => ({ name: "Vic Viewer", subject: "oidc:vic", role: "viewer" }) }));

setupEmulator();
setupFreshDatabase();
let fake: CloudTrailFake;

async function pointCloudTrailAt(next: CloudTrailFake) {
  await fake?.stop();
  fake = next;
  process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = fake.endpoint;
  resetIamClients();
}

beforeAll(async () => {
  await seedInventory([fakeUser("payments-app", [{ id: RECORDED_KEY_ID }])]);
  await pointCloudTrailAt(await startCloudTrailFake());
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
  delete process.env.KEYROTATE_CLOUDTRAIL_MAX_EVENTS;
  resetEnvCache();
  resetIamClients();
  await fake.stop();
});

const find = (accessKeyId: string) => findKeyUsageAction(undefined, { accessKeyId });

describe("findKeyUsageAction", () => {
  it("reads every page of the key's events over 90 days and answers the callers, grouped, with a location to propose", async () => {
    const state = await find(RECORDED_KEY_ID);
    expect(state).toMatchObject({ ok: true, message: "CloudTrail: 117 events from 5 callers." });
    const usage = state.result!;
    expect(usage).toMatchObject({ accessKeyId: RECORDED_KEY_ID, accountId: ACCOUNT, userName: "payments-app", eventsRead: 117, truncated: false });
    expect(usage.groups.map((g) => [g.sourceIp, g.eventSource, g.count])).toEqual([
      ["203.0.113.25", "secretsmanager.amazonaws.com", 46],
      ["198.51.100.14", "iam.amazonaws.com", 26],
      ["203.0.113.25", "kms.amazonaws.com", 20],
      ["192.0.2.51", "sts.amazonaws.com", 14],
      ["athena.amazonaws.com", "glue.amazonaws.com", 11],
    ]);
    expect(usage.groups[1]).toMatchObject({
      firstSeen: "2026-10-14T13:05:00.000Z",
      lastSeen: "2026-11-20T10:42:36.000Z",
      suggestion: { kind: "ci-variable", system: "Terraform", identifier: "cloudtrail: 198.51.100.14 Terraform/1.9.5" },
    });

    const requests = fake.requests();
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r).toMatchObject({ target: "CloudTrail_20131101.LookupEvents", accessKeyId: RECORDED_KEY_ID, maxResults: 50, signed: true });
      expect(r.endTime!.getTime() - r.startTime!.getTime()).toBe(90 * 24 * 3600 * 1000);
    }
    expect(requests.map((r) => r.nextToken === null)).toEqual([true, false, false]);
    expect(await listAudit({ action: "key.find-usage" })).toMatchObject([
      { actor: "Vic Viewer", accountId: ACCOUNT, userName: "payments-app", accessKeyId: RECORDED_KEY_ID, result: "ok" },
    ]);
  });

  it("stops at the configured event cap and says so", async () => {
    process.env.KEYROTATE_CLOUDTRAIL_MAX_EVENTS = "60";
    resetEnvCache();
    try {
      const before = fake.requests().length;
      const state = await find(RECORDED_KEY_ID);
      expect(state).toMatchObject({ ok: true, message: "CloudTrail: 60 events from 5 callers (stopped at 60).", result: { eventsRead: 60, truncated: true } });
      expect(fake.requests().length - before).toBe(2);
    } finally {
      delete process.env.KEYROTATE_CLOUDTRAIL_MAX_EVENTS;
      resetEnvCache();
    }
  });

  it("refuses a key the inventory does not hold, without asking CloudTrail", async () => {
    const before = fake.requests().length;
    expect(await find("AKIANOTINVENTORY0001")).toMatchObject({ ok: false, message: expect.stringMatching(/^No key AKIANOTINVENTORY0001 in the inventory/) });
    expect(fake.requests()).toHaveLength(before);
  });

  it("names the missing permission when CloudTrail denies the lookup", async () => {
    await pointCloudTrailAt(await startCloudTrailFake({ failWith: { type: "AccessDeniedException" } }));
    const state = await find(RECORDED_KEY_ID);
    expect(state).toMatchObject({ ok: false, message: expect.stringMatching(/cloudtrail:LookupEvents permission/) });
    expect(await listAudit({ action: "key.find-usage" })).toContainEqual(expect.objectContaining({ result: "error", accessKeyId: RECORDED_KEY_ID }));
  });
});
