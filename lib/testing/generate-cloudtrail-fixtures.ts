// Writes lib/testing/fixtures/cloudtrail/lookup-events-page-{1,2,3}.json: LookupEvents response bodies
// as CloudTrail sends them (JSON 1.1, EventTime in epoch seconds, CloudTrailEvent a JSON string), for one
// access key shared by an app server, Terraform, a GitHub Actions runner and Athena. Deterministic: the
// committed files are its output. Run: node --import tsx lib/testing/generate-cloudtrail-fixtures.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { RECORDED_AT, RECORDED_KEY_ID, RECORDED_PAGE_FILES, type WireLookupEvent, type WireLookupPage } from "./cloudtrail-recorded.ts";

const ACCOUNT = "111122223333";
const USER = "payments-shared";
const PAGE_SIZES = [50, 50, 17];

// mulberry32: a tiny seeded PRNG, so ids and tokens are stable from run to run.
let seed = 0x5eed1234;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
function uuid(): string {
  const h = bytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Math.floor(random() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Caller = { sourceIp: string; userAgent: string; region: string; invokedBy?: string };

const APP: Caller = { sourceIp: "203.0.113.25", userAgent: "aws-sdk-go/1.55.5 (go1.22.5; linux; amd64)", region: "eu-west-1" };
const TERRAFORM: Caller = {
  sourceIp: "198.51.100.14",
  userAgent:
    "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.64.0 " +
    "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.4 ua/2.1 os/linux lang/go#1.22.6 " +
    "md/GOOS#linux md/GOARCH#amd64 api/iam#1.34.3",
  region: "us-east-1",
};
const RUNNER: Caller = {
  sourceIp: "192.0.2.51",
  userAgent:
    "aws-sdk-js/3.1137.0 ua/2.1 os/linux#6.8.0-1017-azure lang/js md/nodejs#20.18.0 api/sts#3.1137.0 m/E " +
    "configure-aws-credentials-for-github-actions",
  region: "us-east-1",
};
const ATHENA: Caller = { sourceIp: "athena.amazonaws.com", userAgent: "athena.amazonaws.com", region: "eu-west-1", invokedBy: "athena.amazonaws.com" };

const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:payments/db-credentials-Xq3v9T`;
const KMS_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/6f1c2a8e-4b7d-4e0a-9c35-2d8b7e61f0a4`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-static-site`;

type Call = { at: Date; caller: Caller; source: string; name: string; readOnly: boolean; params: object | null; resources: { ResourceType: string; ResourceName: string }[] };

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

function appCalls(): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < 46; i++) {
    // The app reloads its database secret about every two days, at a random time of day.
    const when = at("2026-09-03T00:00:00Z", Math.floor(i * 1.93 * 86400 + random() * 80000));
    calls.push({ at: when, caller: APP, source: "secretsmanager.amazonaws.com", name: "GetSecretValue", readOnly: true, params: { secretId: "payments/db-credentials" }, resources: [{ ResourceType: "AWS::SecretsManager::Secret", ResourceName: SECRET }] });
    if (i % 2 === 0 && i < 40) {
      calls.push({ at: at(when.toISOString(), 1 + Math.floor(random() * 3)), caller: APP, source: "kms.amazonaws.com", name: "Decrypt", readOnly: true, params: { encryptionAlgorithm: "SYMMETRIC_DEFAULT" }, resources: [{ ResourceType: "AWS::KMS::Key", ResourceName: KMS_KEY }] });
    }
  }
  return calls;
}

const TERRAFORM_PLAN = ["GetUser", "ListUserPolicies", "GetUserPolicy", "ListAttachedUserPolicies", "GetPolicy", "GetPolicyVersion", "GetPolicy", "GetPolicyVersion", "ListGroupsForUser", "ListAccessKeys", "GetUser", "ListUserTags", "ListAttachedUserPolicies"];

function terraformCalls(): Call[] {
  return ["2026-10-14T13:05:00Z", "2026-11-20T10:42:00Z"].flatMap((start) =>
    TERRAFORM_PLAN.map((name, i) => ({
      at: at(start, i * 3),
      caller: TERRAFORM,
      source: "iam.amazonaws.com",
      name,
      readOnly: true,
      params: name.includes("Polic") && !name.includes("User") ? { policyArn: `arn:aws:iam::${ACCOUNT}:policy/payments-app` } : { userName: USER },
      resources: name.includes("User") || name === "ListAccessKeys" ? [{ ResourceType: "AWS::IAM::User", ResourceName: USER }] : [],
    })),
  );
}

function runnerCalls(): Call[] {
  const days = ["09-08", "09-15", "09-22", "09-29", "10-06", "10-13", "10-20", "10-27", "11-03", "11-10", "11-17", "11-24", "11-26", "11-30"];
  return days.map((d) => ({
    at: at(`2026-${d}T14:00:00Z`, Math.floor(random() * 3600)),
    caller: RUNNER,
    source: "sts.amazonaws.com",
    name: "AssumeRole",
    readOnly: true,
    params: { roleArn: ROLE, roleSessionName: "GitHubActions", durationSeconds: 3600 },
    resources: [{ ResourceType: "AWS::IAM::Role", ResourceName: ROLE }],
  }));
}

function athenaCalls(): Call[] {
  const query = ["GetDatabase", "GetTable", "GetTable", "GetPartitions"];
  return [["2026-10-02T09:12:00Z", 4], ["2026-11-03T16:40:00Z", 4], ["2026-11-27T11:05:00Z", 3]].flatMap(([start, n]) =>
    query.slice(0, n as number).map((name, i) => ({
      at: at(start as string, i),
      caller: ATHENA,
      source: "glue.amazonaws.com",
      name,
      readOnly: true,
      params: { databaseName: "payments_reporting", ...(name === "GetDatabase" ? {} : { tableName: "settlements" }) },
      resources: [],
    })),
  );
}

function wireEvent(call: Call): WireLookupEvent {
  const eventId = uuid();
  const detail = {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAPAYMENTSSHARED01",
      arn: `arn:aws:iam::${ACCOUNT}:user/${USER}`,
      accountId: ACCOUNT,
      accessKeyId: RECORDED_KEY_ID,
      userName: USER,
      ...(call.caller.invokedBy ? { invokedBy: call.caller.invokedBy } : {}),
    },
    eventTime: call.at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: call.caller.region,
    sourceIPAddress: call.caller.sourceIp,
    userAgent: call.caller.userAgent,
    requestParameters: call.params,
    responseElements: null,
    requestID: uuid(),
    eventID: eventId,
    readOnly: call.readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...(call.caller.invokedBy
      ? {}
      : { tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${call.source.split(".")[0]}.${call.caller.region}.amazonaws.com` } }),
  };
  return {
    EventId: eventId,
    EventName: call.name,
    ReadOnly: String(call.readOnly),
    AccessKeyId: RECORDED_KEY_ID,
    EventTime: Math.floor(call.at.getTime() / 1000),
    EventSource: call.source,
    Username: USER,
    Resources: call.resources,
    CloudTrailEvent: JSON.stringify(detail),
  };
}

function pages(): WireLookupPage[] {
  const calls = [...appCalls(), ...terraformCalls(), ...runnerCalls(), ...athenaCalls()];
  if (calls.some((c) => c.at > RECORDED_AT)) throw new Error("an event lies after the recording time");
  const events = calls.sort((a, b) => b.at.getTime() - a.at.getTime()).map(wireEvent); // newest first, as CloudTrail
  if (events.length !== PAGE_SIZES.reduce((a, b) => a + b)) throw new Error(`expected 117 events, made ${events.length}`);
  let start = 0;
  return PAGE_SIZES.map((size, i) => {
    const page: WireLookupPage = { Events: events.slice(start, start + size) };
    start += size;
    if (i < PAGE_SIZES.length - 1) page.NextToken = bytes(96).toString("base64");
    return page;
  });
}

const dir = new URL("./fixtures/cloudtrail/", import.meta.url);
mkdirSync(dir, { recursive: true });
pages().forEach((page, i) => writeFileSync(new URL(RECORDED_PAGE_FILES[i], dir), `${JSON.stringify(page, null, 2)}\n`));
