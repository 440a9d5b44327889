// The whole path a page of the app takes: a real CloudTrailClient, configured only by the environment
// (AWS_ENDPOINT_URL_CLOUDTRAIL, as in Playwright), signing real JSON 1.1 requests to the loopback fake,
// decoded by the SDK and grouped by the gateway.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { createCloudTrailGateway, createRateLimiter, suggestLocation } from "../iam/cloudtrail.ts";
import { startCloudTrailFake, type CloudTrailFake } from "./cloudtrail-fake.ts";
import { RECORDED_AT, RECORDED_KEY_ID, recordedLookupPages } from "./cloudtrail-recorded.ts";

const ENV = ["AWS_ENDPOINT_URL_CLOUDTRAIL", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_PROFILE"];
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

function configure(endpoint: string) {
  for (const k of ENV) delete process.env[k];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CLOUDTRAIL: endpoint,
    // Something else on AWS_ENDPOINT_URL proves the service-specific variable wins.
    AWS_ENDPOINT_URL: "http://127.0.0.1:9",
    AWS_ACCESS_KEY_ID: "AKIAFAKEDUMMY0000001",
    AWS_SECRET_ACCESS_KEY: "dummy-secret",
    AWS_REGION: "eu-west-1",
  });
}

/** A client built the way production builds it: no endpoint, region or credentials in code. */
const lookup = (maxEvents?: number, accessKeyId = RECORDED_KEY_ID) =>
  createCloudTrailGateway(new CloudTrailClient({}), { now: () => RECORDED_AT }).findKeyUsage(accessKeyId, { maxEvents });

let fake: CloudTrailFake;
beforeAll(async () => {
  fake = await startCloudTrailFake();
  configure(fake.endpoint);
});
afterAll(async () => {
  await fake.stop();
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("CloudTrail fake through the SDK and the gateway", () => {
  const before = () => fake.requests().length;

  it("pages through the recording, filtered by the key, and groups its callers", async () => {
    const n = before();
    const report = await lookup();
    const sent = fake.requests().slice(n);
    const pages = recordedLookupPages();
    expect(sent.map((r) => r.nextToken)).toEqual([null, pages[0].NextToken, pages[1].NextToken]);
    for (const r of sent) {
      expect(r).toMatchObject({ accessKeyId: RECORDED_KEY_ID, maxResults: 50, signed: true, endTime: RECORDED_AT });
      expect(r.target).toBe("CloudTrail_20131101.LookupEvents");
      expect(r.startTime).toEqual(new Date(RECORDED_AT.getTime() - 90 * 24 * 3600 * 1000));
    }
    expect(report).toMatchObject({ eventsRead: 117, truncated: false });
    expect(report.groups.map((g) => [g.sourceIp, g.eventSource, g.count])).toEqual([
      ["203.0.113.25", "secretsmanager.amazonaws.com", 46],
      ["198.51.100.14", "iam.amazonaws.com", 26],
      ["203.0.113.25", "kms.amazonaws.com", 20],
      ["192.0.2.51", "sts.amazonaws.com", 14],
      ["athena.amazonaws.com", "glue.amazonaws.com", 11],
    ]);
    // EventTime crossed the wire as epoch seconds and came back as the same instant.
    expect(report.groups[1].firstSeen).toEqual(new Date("2026-10-14T13:05:00Z"));
    expect(report.groups.map((g) => suggestLocation(g).kind)).toEqual(["other", "ci-variable", "other", "ci-variable", "app-config"]);
  });

  it("stops asking at the cap", async () => {
    const n = before();
    const report = await lookup(70);
    expect(fake.requests().slice(n)).toHaveLength(2);
    expect(report).toMatchObject({ eventsRead: 70, truncated: true });
  });

  it("answers an unknown key with no events", async () => {
    const n = before();
    const report = await lookup(undefined, "AKIANOBODYUSES000001");
    expect(fake.requests().slice(n).map((r) => r.accessKeyId)).toEqual(["AKIANOBODYUSES000001"]);
    expect(report).toMatchObject({ eventsRead: 0, groups: [] });
  });

  it("serves the recording under another key id when asked to", async () => {
    const other = await startCloudTrailFake({ pages: { AKIAFROMEMULATOR0001: recordedLookupPages("AKIAFROMEMULATOR0001") } });
    try {
      configure(other.endpoint);
      const report = await lookup(undefined, "AKIAFROMEMULATOR0001");
      expect(report.eventsRead).toBe(117);
      expect(other.requests()).toHaveLength(3);
    } finally {
      configure(fake.endpoint);
      await other.stop();
    }
  });

  it("with anyKey, serves the recording under whichever key is asked about (e2e keys come later)", async () => {
    const any = await startCloudTrailFake({ anyKey: true });
    try {
      configure(any.endpoint);
      const report = await lookup(undefined, "AKIAMADEBYEMULATOR01");
      expect(report.eventsRead).toBe(117);
      expect(JSON.stringify(report)).not.toContain(RECORDED_KEY_ID);
      expect(any.requests().map((r) => r.accessKeyId)).toEqual(Array(3).fill("AKIAMADEBYEMULATOR01"));
    } finally {
      configure(fake.endpoint);
      await any.stop();
    }
  });
});

describe("CloudTrail fake errors", () => {
  let failing: CloudTrailFake | undefined;
  afterEach(async () => {
    configure(fake.endpoint);
    await failing?.stop();
    failing = undefined;
  });

  it("turns AccessDeniedException from the wire into the missing permission", async () => {
    failing = await startCloudTrailFake({ failWith: { type: "AccessDeniedException", message: "not authorized" } });
    configure(failing.endpoint);
    const failure = await lookup().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeyrotateError);
    expect((failure as KeyrotateError).userMessage).toContain("cloudtrail:LookupEvents");
    expect(failing.requests()).toHaveLength(1); // not retried
  });

  it("rejects a NextToken it never handed out, as CloudTrail does", async () => {
    const client = new CloudTrailClient({});
    const gateway = createCloudTrailGateway(client, { now: () => RECORDED_AT, limiter: createRateLimiter({ perSecond: 100 }) });
    // Tamper with the second request's token on its way out.
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { NextToken?: string };
        if (input.NextToken) input.NextToken = "not-a-token";
        return next(args);
      },
      { step: "initialize" },
    );
    await expect(gateway.findKeyUsage(RECORDED_KEY_ID)).rejects.toMatchObject({ userMessage: expect.stringContaining("InvalidNextTokenException") });
  });
});
