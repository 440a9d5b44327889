// SES SMTP credentials are an IAM access key: the key id is the SMTP user name and the password is
// derived from the secret with AWS's documented SigV4-style chain ("Obtaining Amazon SES SMTP
// credentials", docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html). The password is per region.
import { createHmac } from "node:crypto";
import { KeyrotateError } from "../errors.ts";

// Regions with an SES endpoint: the "email" service in botocore 1.43.11's endpoints.json (aws and
// aws-us-gov partitions); the AWS General Reference lists an `email-smtp.<region>.amazonaws.com`
// SMTP endpoint beside each. AWS's own example script (aws-doc-sdk-examples,
// ses_generate_smtp_credentials.py) carries an older, shorter list. The European Sovereign Cloud
// (eusc-de-east-1) is left out: its endpoints are not under amazonaws.com.
export const SES_SMTP_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

export type SesSmtpRegion = (typeof SES_SMTP_REGIONS)[number];

const KNOWN = new Set<string>(SES_SMTP_REGIONS);

export function isSesSmtpRegion(region: string): region is SesSmtpRegion {
  return KNOWN.has(region);
}

/** Refuses a region without an SES SMTP endpoint, naming the ones that have one. */
export function assertSesSmtpRegion(region: string): asserts region is SesSmtpRegion {
  if (!isSesSmtpRegion(region)) {
    throw new KeyrotateError(
      "invalid-input",
      `SES has no SMTP endpoint in region "${region}". Regions: ${SES_SMTP_REGIONS.join(", ")}.`,
    );
  }
}

export function sesSmtpEndpoint(region: string): string {
  assertSesSmtpRegion(region);
  return `email-smtp.${region}.amazonaws.com`;
}

/** An IAM secret access key is 40 characters of base64's alphabet (no padding). */
export function looksLikeSecretAccessKey(value: string): boolean {
  return /^[A-Za-z0-9/+]{40}$/.test(value);
}

// The constants of the derivation are fixed by AWS: a dummy date, the service, the terminator, the
// action the password authorises, and the version byte that prefixes the signature.
const DATE = "11111111";
const SERVICE = "ses";
const TERMINAL = "aws4_request";
const MESSAGE = "SendRawEmail";
const VERSION = 0x04;

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The SES SMTP password for this secret access key in this region. */
export function sesSmtpPassword(secretAccessKey: string, region: string): string {
  assertSesSmtpRegion(region);
  if (!secretAccessKey) throw new KeyrotateError("invalid-input", "The secret access key is empty.");
  let key = hmac(`AWS4${secretAccessKey}`, DATE);
  for (const part of [region, SERVICE, TERMINAL, MESSAGE]) key = hmac(key, part);
  return Buffer.concat([Buffer.from([VERSION]), key]).toString("base64");
}
