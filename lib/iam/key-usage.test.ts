import { describe, expect, it } from "vitest";
import { locationInputSchema } from "../locations/schema.ts";
import { groupKeyEvents, shortUserAgent, suggestLocation, UNKNOWN, type CallerGroup, type TrailEvent } from "./key-usage.ts";

function event(at: string, detail: Record<string, unknown>, top: Partial<TrailEvent> = {}): TrailEvent {
  return { EventTime: new Date(at), EventName: detail.eventName as string, CloudTrailEvent: JSON.stringify(detail), ...top };
}
const TERRAFORM_UA = "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.64.0 aws-sdk-go-v2/1.30.4";
const APP = { sourceIPAddress: "203.0.113.25", userAgent: "aws-sdk-go/1.55.5 (go1.22.5; linux; amd64)", eventSource: "s3.amazonaws.com" };

describe("groupKeyEvents", () => {
  it("groups by source IP, user agent and event source, with count and first and last seen", () => {
    const groups = groupKeyEvents([
      event("2026-11-03T10:00:00Z", { ...APP, eventName: "ListBuckets", awsRegion: "eu-west-1" }),
      event("2026-11-01T10:00:00Z", { ...APP, eventName: "GetBucketAcl", awsRegion: "eu-west-1" }),
      event("2026-11-02T10:00:00Z", { ...APP, eventName: "ListBuckets", awsRegion: "us-east-1" }),
      event("2026-11-02T11:00:00Z", { ...APP, eventSource: "kms.amazonaws.com", eventName: "Decrypt" }),
      event("2026-11-02T12:00:00Z", { ...APP, sourceIPAddress: "203.0.113.26", eventName: "ListBuckets" }),
    ]);
    expect(groups).toHaveLength(3);
    expect(groups[0]).toEqual({
      sourceIp: "203.0.113.25",
      userAgent: APP.userAgent,
      eventSource: "s3.amazonaws.com",
      firstSeen: new Date("2026-11-01T10:00:00Z"),
      lastSeen: new Date("2026-11-03T10:00:00Z"),
      count: 3,
      eventNames: ["ListBuckets", "GetBucketAcl"],
      region: "eu-west-1",
    });
    // Equal counts: the most recently seen first.
    expect(groups.slice(1).map((g) => [g.sourceIp, g.eventSource, g.count])).toEqual([
      ["203.0.113.26", "s3.amazonaws.com", 1],
      ["203.0.113.25", "kms.amazonaws.com", 1],
    ]);
    expect(groups[2].region).toBeNull();
  });

  it("counts an event whose CloudTrailEvent is not JSON under unknown, keeping the top-level fields", () => {
    const groups = groupKeyEvents([
      { EventTime: new Date("2026-11-05T00:00:00Z"), EventName: "GetObject", EventSource: "s3.amazonaws.com", CloudTrailEvent: "{not json" },
      { EventTime: new Date("2026-11-06T00:00:00Z"), EventName: "Decrypt", CloudTrailEvent: "[1,2]" },
      { EventTime: new Date("2026-11-04T00:00:00Z"), EventName: "Decrypt" },
    ]);
    expect(groups.map((g) => [g.sourceIp, g.userAgent, g.eventSource, g.count])).toEqual([
      [UNKNOWN, UNKNOWN, UNKNOWN, 2],
      [UNKNOWN, UNKNOWN, "s3.amazonaws.com", 1],
    ]);
    expect(groups[0].firstSeen).toEqual(new Date("2026-11-04T00:00:00Z"));
    expect(groups[0].lastSeen).toEqual(new Date("2026-11-06T00:00:00Z"));
  });

  it("dates an event by its JSON eventTime when the top-level time is missing", () => {
    const [g] = groupKeyEvents([{ CloudTrailEvent: JSON.stringify({ ...APP, eventTime: "2026-10-10T10:10:10Z", eventName: "ListBuckets" }) }]);
    expect(g.firstSeen).toEqual(new Date("2026-10-10T10:10:10Z"));
    expect(g.eventNames).toEqual(["ListBuckets"]);
  });

  it("keeps at most five event names, most frequent first, ties alphabetical", () => {
    const names = ["F", "E", "E", "D", "C", "B", "A", "A", "A"];
    const [g] = groupKeyEvents(names.map((eventName, i) => event(`2026-11-01T00:00:0${i}Z`, { ...APP, eventName })));
    expect(g.count).toBe(9);
    expect(g.eventNames).toEqual(["A", "E", "B", "C", "D"]);
  });

  it("returns no groups for no events", () => {
    expect(groupKeyEvents([])).toEqual([]);
  });
});

function group(overrides: Partial<CallerGroup>): CallerGroup {
  return {
    sourceIp: "203.0.113.25",
    userAgent: APP.userAgent,
    eventSource: "s3.amazonaws.com",
    firstSeen: new Date("2026-09-03T09:08:46Z"),
    lastSeen: new Date("2026-11-29T20:00:00Z"),
    count: 46,
    eventNames: ["GetSecretValue"],
    region: "eu-west-1",
    ...overrides,
  };
}

describe("suggestLocation", () => {
  it("suggests a CI variable for Terraform and for GitHub Actions", () => {
    expect(suggestLocation(group({ sourceIp: "198.51.100.14", userAgent: TERRAFORM_UA }))).toMatchObject({
      kind: "ci-variable",
      system: "Terraform",
      identifier: "cloudtrail: 198.51.100.14 Terraform/1.9.5",
    });
    const gha = suggestLocation(group({ userAgent: "aws-sdk-js/3.1137.0 ua/2.1 m/E configure-aws-credentials-for-github-actions" }));
    expect(gha).toMatchObject({ kind: "ci-variable", system: "GitHub Actions", identifier: "cloudtrail: 203.0.113.25 aws-sdk-js/3.1137.0" });
  });

  it("suggests app config for an AWS service calling on the key's behalf", () => {
    expect(suggestLocation(group({ sourceIp: "athena.amazonaws.com", userAgent: "athena.amazonaws.com" }))).toMatchObject({
      kind: "app-config",
      system: "athena.amazonaws.com",
    });
  });

  it("suggests a third party for an AWS Partner Network user agent", () => {
    expect(suggestLocation(group({ userAgent: "APN/1.0 Fivetran/1.0 aws-sdk-java/1.12.700" }))).toMatchObject({ kind: "third-party", system: "Fivetran" });
  });

  it("falls back to other, named after the SDK, with what CloudTrail saw in the notes", () => {
    const s = suggestLocation(group({ eventSource: "secretsmanager.amazonaws.com" }));
    expect(s).toEqual({
      kind: "other",
      system: "aws-sdk-go",
      identifier: "cloudtrail: 203.0.113.25 aws-sdk-go/1.55.5",
      notes:
        "CloudTrail saw 46 calls to secretsmanager.amazonaws.com (GetSecretValue) from 203.0.113.25 in eu-west-1, " +
        `2026-09-03 to 2026-11-29. User agent: ${APP.userAgent}`,
    });
  });

  it("stays valid location input for hostile or huge user agents", () => {
    const nasty = group({ sourceIp: "x".repeat(400), userAgent: `evil\u0000agent/1\r\n${"y".repeat(5000)}` });
    const s = suggestLocation(nasty);
    expect(s.identifier.length).toBeLessThan(200);
    expect(s.identifier + s.system + s.notes).not.toMatch(/\p{Cc}/u);
    const parsed = locationInputSchema.safeParse({ ...s, environment: "production" });
    expect(parsed.success).toBe(true);
    const unknown = suggestLocation(group({ sourceIp: UNKNOWN, userAgent: UNKNOWN }));
    expect(unknown).toMatchObject({ kind: "other", system: UNKNOWN, identifier: "cloudtrail: unknown unknown" });
  });
});

describe("shortUserAgent", () => {
  it("picks the product token, skipping the APN prefix", () => {
    expect(shortUserAgent(TERRAFORM_UA)).toBe("Terraform/1.9.5");
    expect(shortUserAgent("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux")).toBe("aws-cli/2.17.20");
    expect(shortUserAgent("APN/1.0 Acme/2.3")).toBe("Acme/2.3");
    expect(shortUserAgent("")).toBe(UNKNOWN);
  });
});
