// The demo account: a GOV.UK-like platform team's IAM users, with keys of every age and state the
// dashboard distinguishes. Ages are relative to the moment of seeding, so the flags below hold on
// any day. The date in an SES SMTP user's name is only a label (AWS's console names them that way).
//
// Which users exercise which dashboard flag:
// - overdue (active key older than 90 days): content-publisher-s3, whitehall-attachments-s3,
//   signon-backups, frontend-cache-invalidation (91 d), licensify-legacy, datagovuk-ckan-s3,
//   fastly-cdn-logs, pagerduty-cloudwatch, statuspage-cloudwatch, ses-smtp-user.20240312,
//   ses-smtp-user.20250107, terraform-ci (92 d), smokey-monitoring, zendesk-attachments-s3 (old key)
//   and asset-manager (old key, mid-rotation)
// - due soon (active, 76–90 days): hmrc-manuals-api (76 d), router-api-dynamodb, ses-smtp-user.20250918,
//   search-api-sqs, logit-logstash, specialist-publisher-s3 (90 d); mirror-sync-s3 (75 d) is just short
// - two keys: asset-manager (mid-rotation: new key 2 d old and used, old key 120 d still used),
//   manuals-publisher (old key left inactive), zendesk-attachments-s3 (new key never deployed)
// - never used and older than 7 days: collections-publisher, datagovuk-ckan-s3, ses-smtp-user.20251104,
//   break-glass-admin, zendesk-attachments-s3 (new key), splunk-cloudtrail-forwarder (inactive too);
//   link-checker-api (5 d) is too new to flag
// - inactive: transition-logs-athena, manuals-publisher (old key), splunk-cloudtrail-forwarder,
//   jenkins-legacy
// - stale (active, not used for 90+ days): signon-backups, licensify-legacy, pagerduty-cloudwatch,
//   statuspage-cloudwatch, ses-smtp-user.20250107, datagovuk-ckan-s3 (never used in 260 d)
// - no keys at all: readonly-auditor
import type { SeedKey, SeedUser } from "../../lib/testing/moto/seed.ts";

const REGION = "eu-west-1";

/** An active key last used `daysAgo` days ago through `service`. */
const used = (ageDays: number, daysAgo: number, service: string, region = REGION): SeedKey => ({
  ageDays,
  lastUsed: { daysAgo, service, region },
});
const neverUsed = (ageDays: number): SeedKey => ({ ageDays, lastUsed: null });
const inactive = (key: SeedKey): SeedKey => ({ ...key, status: "Inactive" });

const app = (userName: string, team: string, ...keys: SeedKey[]): SeedUser => ({
  userName,
  path: "/apps/",
  tags: { team, "managed-by": "terraform" },
  keys,
});
const integration = (userName: string, vendor: string, ...keys: SeedKey[]): SeedUser => ({
  userName,
  path: "/integrations/",
  tags: { vendor, team: "platform-reliability" },
  keys,
});
const smtp = (userName: string, ...keys: SeedKey[]): SeedUser => ({
  userName,
  path: "/ses/",
  tags: { purpose: "ses-smtp", team: "notifications" },
  keys,
});
const ci = (userName: string, ...keys: SeedKey[]): SeedUser => ({
  userName,
  path: "/ci/",
  tags: { team: "platform-engineering" },
  keys,
});

export const demoUsers: SeedUser[] = [
  // Applications
  app("govuk-support-api", "support", used(45, 0, "s3")),
  app("content-publisher-s3", "publishing", used(210, 1, "s3")),
  app("asset-manager", "publishing", used(120, 1, "s3"), used(2, 0, "s3")),
  app("search-api-sqs", "search", used(84, 0, "sqs")),
  app("publishing-api-sns", "publishing", used(30, 0, "sns")),
  app("whitehall-attachments-s3", "publishing", used(380, 2, "s3")),
  app("email-alert-api-ses", "notifications", used(12, 1, "ses")),
  app("router-api-dynamodb", "platform-engineering", used(78, 0, "dynamodb")),
  app("signon-backups", "platform-engineering", used(400, 150, "s3")),
  app("link-checker-api", "publishing", neverUsed(5)),
  app("frontend-cache-invalidation", "platform-engineering", used(91, 0, "cloudfront", "us-east-1")),
  app("travel-advice-publisher", "publishing", used(60, 4, "s3")),
  app("specialist-publisher-s3", "publishing", used(90, 1, "s3")),
  app("transition-logs-athena", "data", inactive(used(150, 140, "athena"))),
  app("licensify-legacy", "licensing", used(500, 320, "s3")),
  app("manuals-publisher", "publishing", inactive(used(300, 200, "s3")), used(40, 0, "s3")),
  app("collections-publisher", "publishing", neverUsed(22)),
  app("hmrc-manuals-api", "publishing", used(76, 2, "s3")),
  app("govuk-chat-bedrock", "ai", used(3, 0, "bedrock", "eu-west-2")),
  app("mirror-sync-s3", "platform-engineering", used(75, 0, "s3")),
  app("datagovuk-ckan-s3", "data", neverUsed(260)),
  app("bigquery-transfer-s3", "data", used(50, 1, "s3")),
  // Third-party integrations
  integration("fastly-cdn-logs", "fastly", used(330, 0, "s3")),
  integration("logit-logstash", "logit", used(88, 0, "logs")),
  integration("pagerduty-cloudwatch", "pagerduty", used(190, 100, "cloudwatch")),
  integration("sentry-sourcemaps-s3", "sentry", used(15, 6, "s3")),
  integration("splunk-cloudtrail-forwarder", "splunk", inactive(neverUsed(140))),
  integration("statuspage-cloudwatch", "atlassian", used(120, 95, "cloudwatch")),
  integration("zendesk-attachments-s3", "zendesk", used(200, 2, "s3"), neverUsed(10)),
  // SES SMTP credentials, named the way the SES console names them
  smtp("ses-smtp-user.20240312", used(480, 0, "ses")),
  smtp("ses-smtp-user.20250107", used(280, 200, "ses")),
  smtp("ses-smtp-user.20250918", used(80, 0, "ses")),
  smtp("ses-smtp-user.20251104", neverUsed(25)),
  smtp("ses-smtp-user.20251120", used(9, 0, "ses")),
  // CI and human-ish users
  ci("ci-deployer", used(1, 0, "sts")),
  ci("terraform-ci", used(92, 0, "iam", "us-east-1")),
  ci("concourse-ci", used(65, 0, "ecr")),
  ci("jenkins-legacy", inactive(used(450, 300, "s3"))),
  ci("release-github-actions", used(18, 0, "ecr")),
  ci("smokey-monitoring", used(100, 0, "cloudwatch")),
  { userName: "break-glass-admin", path: "/humans/", tags: { team: "platform-engineering" }, keys: [neverUsed(35)] },
  { userName: "readonly-auditor", path: "/humans/", tags: { team: "security" }, keys: [] },
];
