import { AccessDeniedException, CloudTrailClient, LookupEventsCommand, ThrottlingException } from "@aws-sdk/client-cloudtrail";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeLookupPage, RECORDED_AT, RECORDED_KEY_ID, recordedLookupPages, type DecodedLookupPage } from "../testing/cloudtrail-recorded.ts";
import { KeyrotateError } from "../errors.ts";
import { createCloudTrailGateway, createRateLimiter, type RateLimiter } from "./cloudtrail.ts";

const client = new CloudTrailClient({ region: "eu-west-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
const cloudTrail = mockClient(client);
const RECORDED = recordedLookupPages().map(decodeLookupPage);
const noWait: RateLimiter = { take: async () => {} };
const NINETY_DAYS_MS = 90 * 24 * 3600 * 1000;

/** Answers LookupEvents from `pages`, following NextToken as CloudTrail does. */
function serve(pages: DecodedLookupPage[]) {
  cloudTrail.on(LookupEventsCommand).callsFake((input: { NextToken?: string }) => {
    const at = input.NextToken ? pages.findIndex((p) => p.NextToken === input.NextToken) + 1 : 0;
    if (at < 0 || !pages[at]) throw new Error(`unexpected NextToken ${input.NextToken}`);
    return pages[at];
  });
}

const calls = () => cloudTrail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
const gateway = (limiter = noWait) => createCloudTrailGateway(client, { now: () => RECORDED_AT, limiter });

beforeEach(() => cloudTrail.reset());

describe("findKeyUsage paging", () => {
  it("follows NextToken through all three pages", async () => {
    serve(RECORDED);
    const report = await gateway().findKeyUsage(RECORDED_KEY_ID);
    expect(calls().map((c) => c.NextToken)).toEqual([undefined, RECORDED[0].NextToken, RECORDED[1].NextToken]);
    expect(report.eventsRead).toBe(117);
    expect(report.truncated).toBe(false);
  });

  it("asks for the key's events over the 90-day window, 50 at a time", async () => {
    serve(RECORDED);
    const report = await gateway().findKeyUsage(RECORDED_KEY_ID);
    const from = new Date(RECORDED_AT.getTime() - NINETY_DAYS_MS);
    for (const input of calls()) {
      expect(input).toMatchObject({
        LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: RECORDED_KEY_ID }],
        StartTime: from,
        EndTime: RECORDED_AT,
        MaxResults: 50,
      });
    }
    expect(report.window).toEqual({ from, to: RECORDED_AT });
    expect(report.accessKeyId).toBe(RECORDED_KEY_ID);
  });

  it("stops at the event cap without asking for another page", async () => {
    serve(RECORDED);
    const mid = await gateway().findKeyUsage(RECORDED_KEY_ID, { maxEvents: 60 });
    expect(calls()).toHaveLength(2);
    expect(mid).toMatchObject({ eventsRead: 60, truncated: true });
    expect(mid.groups.reduce((n, g) => n + g.count, 0)).toBe(60);

    cloudTrail.resetHistory();
    const atPageEnd = await gateway().findKeyUsage(RECORDED_KEY_ID, { maxEvents: 50 });
    expect(calls()).toHaveLength(1);
    expect(atPageEnd).toMatchObject({ eventsRead: 50, truncated: true });
  });

  it("is not truncated when the cap equals everything CloudTrail has", async () => {
    serve(RECORDED);
    const report = await gateway().findKeyUsage(RECORDED_KEY_ID, { maxEvents: 117 });
    expect(calls()).toHaveLength(3);
    expect(report).toMatchObject({ eventsRead: 117, truncated: false });
  });

  it("reports no callers for a key CloudTrail has no events for", async () => {
    cloudTrail.on(LookupEventsCommand).resolves({ Events: [] });
    const report = await gateway().findKeyUsage("AKIANOTUSED000000001");
    expect(report).toMatchObject({ eventsRead: 0, truncated: false, groups: [] });
    expect(calls()).toHaveLength(1);
  });

  it("refuses a cap below one before calling AWS", async () => {
    serve(RECORDED);
    await expect(gateway().findKeyUsage(RECORDED_KEY_ID, { maxEvents: 0 })).rejects.toMatchObject({ code: "invalid-input" });
    expect(calls()).toHaveLength(0);
  });
});

describe("findKeyUsage grouping of the recording", () => {
  it("finds the app server (two services), Terraform, the GitHub runner and Athena", async () => {
    serve(RECORDED);
    const { groups } = await gateway().findKeyUsage(RECORDED_KEY_ID);
    expect(groups.map((g) => [g.sourceIp, g.eventSource, g.count])).toEqual([
      ["203.0.113.25", "secretsmanager.amazonaws.com", 46],
      ["198.51.100.14", "iam.amazonaws.com", 26],
      ["203.0.113.25", "kms.amazonaws.com", 20],
      ["192.0.2.51", "sts.amazonaws.com", 14],
      ["athena.amazonaws.com", "glue.amazonaws.com", 11],
    ]);
    const terraform = groups[1];
    expect(terraform.userAgent).toMatch(/^APN\/1\.0 HashiCorp\/1\.0 Terraform\/1\.9\.5 /);
    // Two runs of 13 calls, 3 s apart.
    expect(terraform.firstSeen).toEqual(new Date("2026-10-14T13:05:00Z"));
    expect(terraform.lastSeen).toEqual(new Date("2026-11-20T10:42:36Z"));
    expect(terraform.eventNames).toEqual(["GetPolicy", "GetPolicyVersion", "GetUser", "ListAttachedUserPolicies", "GetUserPolicy"]);
    expect(terraform.region).toBe("us-east-1");
    const athena = groups[4];
    expect([athena.firstSeen, athena.lastSeen]).toEqual([new Date("2026-10-02T09:12:00Z"), new Date("2026-11-27T11:05:02Z")]);
    expect(athena.eventNames).toEqual(["GetTable", "GetDatabase", "GetPartitions"]);
    expect(athena.region).toBe("eu-west-1");
  });
});

describe("findKeyUsage pacing", () => {
  afterEach(() => vi.useRealTimers());

  it("takes at least 2 s of fake time for 5 pages at 2 requests per second", async () => {
    vi.useFakeTimers({ now: 0 });
    // The recording re-cut into 5 pages (25, 25, 25, 25, 17) chained by tokens.
    const events = RECORDED.flatMap((p) => p.Events);
    const five = [0, 25, 50, 75, 100].map((start, i) => ({ Events: events.slice(start, start + 25), ...(i < 4 ? { NextToken: `t${i}` } : {}) }));
    const sentAt: number[] = [];
    cloudTrail.on(LookupEventsCommand).callsFake((input: { NextToken?: string }) => {
      sentAt.push(Date.now());
      return five[input.NextToken ? Number(input.NextToken.slice(1)) + 1 : 0];
    });
    const lookup = gateway(createRateLimiter({ perSecond: 2 })).findKeyUsage(RECORDED_KEY_ID);
    await vi.runAllTimersAsync();
    const report = await lookup;
    expect(report.eventsRead).toBe(117);
    expect(sentAt).toHaveLength(5);
    expect(sentAt.at(-1)! - sentAt[0]).toBeGreaterThanOrEqual(2000);
    sentAt.slice(1).forEach((t, i) => expect(t - sentAt[i]).toBeGreaterThanOrEqual(500));
  });
});

describe("findKeyUsage errors", () => {
  it("names the missing permission when AWS denies LookupEvents", async () => {
    cloudTrail.on(LookupEventsCommand).rejects(
      new AccessDeniedException({ message: "User is not authorized to perform: cloudtrail:LookupEvents", $metadata: {} }),
    );
    const failure = await gateway().findKeyUsage(RECORDED_KEY_ID).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeyrotateError);
    expect(failure).toMatchObject({ code: "iam-access-denied" });
    expect((failure as KeyrotateError).userMessage).toContain("cloudtrail:LookupEvents");
  });

  it("says the SDK already retried when CloudTrail keeps throttling, and gives up the whole lookup", async () => {
    serve(RECORDED);
    cloudTrail
      .on(LookupEventsCommand, { NextToken: RECORDED[0].NextToken })
      .rejects(new ThrottlingException({ message: "Rate exceeded", $metadata: {} }));
    const failure = await gateway().findKeyUsage(RECORDED_KEY_ID).catch((e: unknown) => e);
    expect((failure as KeyrotateError).userMessage).toMatch(/throttling .* even after retries/);
    expect(calls()).toHaveLength(2);
  });

  it("keeps the name of an error it cannot explain", async () => {
    const odd = Object.assign(new Error("bad token"), { name: "InvalidNextTokenException" });
    cloudTrail.on(LookupEventsCommand).rejects(odd);
    await expect(gateway().findKeyUsage(RECORDED_KEY_ID)).rejects.toMatchObject({
      code: "internal",
      userMessage: `CloudTrail call failed while looking up where ${RECORDED_KEY_ID} is used: InvalidNextTokenException.`,
    });
  });
});
