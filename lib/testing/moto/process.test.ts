// Integration test of the IAM emulator: the real moto server, driven through the AWS SDK, as the
// dashboard, the demo and the e2e tests will drive it.
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListServiceSpecificCredentialsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIam, type SeedUser, type SeededKey } from "./seed.ts";
import { backdateKey, type Emulator, EmulatorError, resetEmulator, startEmulator } from "./process.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
// Fixed "now" for seeding, so expected dates are exact; far enough in the past that nothing the
// emulator does by itself (stamping real time) could be mistaken for a seeded value.
const NOW = new Date("2025-06-01T12:00:00.000Z");
const daysBeforeNow = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

let emulator: Emulator;
let iam: IAMClient;
let keys: SeededKey[];

const keyOf = (userName: string, index = 0) => keys.filter((key) => key.userName === userName)[index];

async function lastUsed(accessKeyId: string) {
  const response = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
  return response.AccessKeyLastUsed;
}

beforeAll(async () => {
  emulator = await startEmulator();
  const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
  iam = new IAMClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials });
  keys = await seedIam(
    emulator.endpoint,
    [
      { userName: "app-used", keys: [{ ageDays: 120, lastUsed: { daysAgo: 3, service: "s3", region: "eu-west-1" } }] },
      { userName: "app-never-used", keys: [{ ageDays: 30, lastUsed: null }] },
      {
        userName: "app-rotating",
        path: "/apps/",
        keys: [{ ageDays: 200, status: "Inactive" }, { ageDays: 2 }],
      },
    ],
    NOW,
  );
});

afterAll(async () => {
  iam?.destroy();
  await emulator?.stop();
});

describe("IAM emulator", () => {
  it("reports the backdated creation date through ListAccessKeys", async () => {
    const { AccessKeyMetadata = [] } = await iam.send(new ListAccessKeysCommand({ UserName: "app-rotating" }));
    expect(AccessKeyMetadata.map((key) => key.AccessKeyId)).toEqual([
      keyOf("app-rotating", 0).accessKeyId,
      keyOf("app-rotating", 1).accessKeyId,
    ]);
    const [old, fresh] = AccessKeyMetadata;
    expect(Math.abs(old.CreateDate!.getTime() - daysBeforeNow(200).getTime())).toBeLessThanOrEqual(1000);
    expect(Math.abs(fresh.CreateDate!.getTime() - daysBeforeNow(2).getTime())).toBeLessThanOrEqual(1000);
  });

  it("applies the Inactive status and leaves other keys Active", async () => {
    const { AccessKeyMetadata = [] } = await iam.send(new ListAccessKeysCommand({ UserName: "app-rotating" }));
    expect(AccessKeyMetadata.map((key) => key.Status)).toEqual(["Inactive", "Active"]);
  });

  it("reports the backdated last use through GetAccessKeyLastUsed", async () => {
    const used = await lastUsed(keyOf("app-used").accessKeyId);
    expect(used?.ServiceName).toBe("s3");
    expect(used?.Region).toBe("eu-west-1");
    expect(Math.abs(used!.LastUsedDate!.getTime() - daysBeforeNow(3).getTime())).toBeLessThanOrEqual(1000);
  });

  it('reports never-used keys as "N/A" with no date', async () => {
    const never = await lastUsed(keyOf("app-never-used").accessKeyId);
    expect(never).toMatchObject({ ServiceName: "N/A", Region: "N/A" });
    expect(never?.LastUsedDate).toBeUndefined();
  });

  it("shows backdated dates in the credential report", async () => {
    await iam.send(new GenerateCredentialReportCommand({}));
    const { Content } = await iam.send(new GetCredentialReportCommand({}));
    const [header, ...rows] = new TextDecoder().decode(Content).trim().split("\n");
    const columns = header.split(",");
    const row = rows.map((line) => line.split(",")).find((cells) => cells[0] === "app-used")!;
    const cell = (name: string) => row[columns.indexOf(name)];
    expect(new Date(cell("access_key_1_last_rotated")).getTime()).toBe(daysBeforeNow(120).setMilliseconds(0));
    expect(new Date(cell("access_key_1_last_used_date")).getTime()).toBe(daysBeforeNow(3).setMilliseconds(0));
  });

  it("can clear a key's last use back to never used", async () => {
    const { accessKeyId } = keyOf("app-used");
    const lastUse = { date: daysBeforeNow(1), service: "sqs", region: "eu-west-2" };
    await backdateKey(emulator.endpoint, { accessKeyId, lastUsed: lastUse });
    expect((await lastUsed(accessKeyId))?.ServiceName).toBe("sqs");
    await backdateKey(emulator.endpoint, { accessKeyId, lastUsed: null });
    expect((await lastUsed(accessKeyId))?.ServiceName).toBe("N/A");
  });

  it("answers 404 for an unknown key and 400 for a bad date", async () => {
    const unknown = backdateKey(emulator.endpoint, { accessKeyId: "AKIAUNKNOWN000000000", createDate: NOW });
    await expect(unknown).rejects.toMatchObject({ name: "EmulatorError", status: 404 });
    const { accessKeyId } = keyOf("app-never-used");
    const bad = backdateKey(emulator.endpoint, { accessKeyId, createDate: "last tuesday" });
    await expect(bad).rejects.toBeInstanceOf(EmulatorError);
    await expect(bad).rejects.toMatchObject({ status: 400 });
  });

  it("marks a key used when a request is signed with it (how e2e simulates the app's cut-over)", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("app-never-used");
    const sts = new STSClient({
      endpoint: emulator.endpoint,
      region: "eu-west-2",
      credentials: { accessKeyId, secretAccessKey },
    });
    const before = Date.now();
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Arn).toBe("arn:aws:iam::123456789012:user/app-never-used");
    const used = await lastUsed(accessKeyId);
    expect(used).toMatchObject({ ServiceName: "sts", Region: "eu-west-2" });
    // moto stamps the real time of the request (same machine clock); allow a second of slack.
    expect(used!.LastUsedDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(used!.LastUsedDate!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("answers ListServiceSpecificCredentials, which moto lacks, as AWS does for a user without any", async () => {
    const out = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: "app-used" }));
    expect(out.ServiceSpecificCredentials).toEqual([]);
    await expect(iam.send(new ListServiceSpecificCredentialsCommand({ UserName: "nobody-here" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    // Everything else still reaches moto, its request body intact.
    expect((await iam.send(new ListAccessKeysCommand({ UserName: "app-used" }))).AccessKeyMetadata).toHaveLength(1);
  });

  it("seeds a 40-user account with one or two keys each, and reset empties it", async () => {
    await resetEmulator(emulator.endpoint);
    const many: SeedUser[] = Array.from({ length: 40 }, (_, i) => ({
      userName: `bulk-${i}`,
      keys: i % 3 === 0 ? [{ ageDays: 200 }, { ageDays: 10, lastUsed: { daysAgo: 1, service: "s3", region: "eu-west-1" } }] : [{ ageDays: i }],
    }));
    const seeded = await seedIam(emulator.endpoint, many);
    expect(seeded).toHaveLength(many.reduce((sum, user) => sum + user.keys.length, 0));
    const { Users = [] } = await iam.send(new ListUsersCommand({}));
    expect(Users.map((user) => user.UserName).sort()).toEqual(many.map((user) => user.userName).sort());

    await resetEmulator(emulator.endpoint);
    expect((await iam.send(new ListUsersCommand({}))).Users ?? []).toEqual([]);
  });
});
