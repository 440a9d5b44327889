import {
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { createIamGateway, toLastUsed } from "./gateway.ts";

// A paged fake: the emulator ignores MaxItems/Marker, so pagination is proven here.
function pagedIam(userCount: number, keysPerUser: number, pageSize = 7) {
  const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  const users = Array.from({ length: userCount }, (_, i) => ({
    UserName: `user-${String(i).padStart(4, "0")}`,
    UserId: `AIDA${i}`,
    Arn: `arn:aws:iam::123456789012:user/user-${i}`,
    Path: "/",
    CreateDate: new Date("2025-01-01T00:00:00Z"),
  }));
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, askedFor: [] as (number | undefined)[] };
  function page<T>(items: T[], marker: string | undefined) {
    const start = marker ? Number(marker) : 0;
    const next = start + pageSize;
    return { items: items.slice(start, next), IsTruncated: next < items.length, Marker: next < items.length ? String(next) : undefined };
  }
  client.send = (async (command: unknown) => {
    stats.calls++;
    if (command instanceof ListUsersCommand) stats.askedFor.push(command.input.MaxItems);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    stats.inFlight--;
    if (command instanceof ListUsersCommand) {
      const p = page(users, command.input.Marker);
      return { Users: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
    }
    if (command instanceof ListAccessKeysCommand) {
      const name = command.input.UserName!;
      const keys = Array.from({ length: keysPerUser }, (_, k) => ({
        UserName: name,
        AccessKeyId: `AKIA${name.replace(/\D/g, "")}K${k}`.padEnd(20, "0"),
        Status: k === 1 ? "Inactive" : "Active",
        CreateDate: new Date("2026-01-01T00:00:00Z"),
      }));
      const p = page(keys, command.input.Marker);
      return { AccessKeyMetadata: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
    }
    if (command instanceof GetAccessKeyLastUsedCommand) {
      return { AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" } };
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  }) as IAMClient["send"];
  return { client, stats };
}

describe("listUsersWithKeys", () => {
  it("drains every page of users and of keys", async () => {
    const { client } = pagedIam(23, 2, 5);
    const users = await createIamGateway(client).listUsersWithKeys({ concurrency: 4 });
    expect(users).toHaveLength(23);
    expect(users.map((u) => u.userName)).toContain("user-0022");
    expect(users.every((u) => u.keys.length === 2)).toBe(true);
    expect(users[0].keys[1].status).toBe("Inactive");
    expect(users[0].keys[0].lastUsed).toEqual({ lastUsedDate: null, service: null, region: null });
  });

  it("keeps calls in flight within the concurrency bound", async () => {
    const { client, stats } = pagedIam(40, 1, 100);
    await createIamGateway(client).listUsersWithKeys({ concurrency: 3 });
    // one ListAccessKeys and one GetAccessKeyLastUsed per user, never more than 3 users at once
    expect(stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(stats.calls).toBe(1 + 40 * 2);
  });
});

describe("listUsers", () => {
  it("asks for IAM's largest page and follows every marker, counting each call", async () => {
    const { client, stats } = pagedIam(23, 0, 10);
    const gateway = createIamGateway(client);
    const users = await gateway.listUsers();
    expect(users.map((u) => u.userName)).toEqual(Array.from({ length: 23 }, (_, i) => `user-${String(i).padStart(4, "0")}`));
    expect(stats.askedFor).toEqual([1000, 1000, 1000]);
    expect(gateway.calls()).toBe(3);
  });
});

describe("toLastUsed", () => {
  it("maps IAM's N/A to null and keeps real values", () => {
    expect(toLastUsed({ ServiceName: "N/A", Region: "N/A" })).toEqual({ lastUsedDate: null, service: null, region: null });
    const d = new Date("2026-11-01T00:00:00Z");
    expect(toLastUsed({ LastUsedDate: d, ServiceName: "s3", Region: "eu-west-1" })).toEqual({ lastUsedDate: d, service: "s3", region: "eu-west-1" });
    expect(toLastUsed({ LastUsedDate: d, ServiceName: "not_supported", Region: "N/A" })).toEqual({ lastUsedDate: d, service: null, region: null });
  });
});
