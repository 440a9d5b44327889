// SES SMTP credentials are an IAM access key: the key id is the SMTP user name and the password is
// derived from the secret with AWS's documented SigV4-style chain ("Obtaining Amazon SES SMTP
// credentials", docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html). The password is per region.
import { createHmac } from "node:crypto";
import { KeyrotateError } from "../errors.ts";
import { SES_SMTP_REGIONS, isSesSmtpRegion, type SesSmtpRegion } from "./ses-smtp-regions.ts";

export { SES_SMTP_REGIONS, isSesSmtpRegion, type SesSmtpRegion } from "./ses-smtp-regions.ts";

/** Refuses a region without an SES SMTP endpoint, naming the ones that have one. */
export function assertSesSmtpRegion(region: string): asserts region is SesSmtpRegion {
  if (!isSesSmtpRegion(region)) {
    throw new KeyrotateError(
      "invalid-input",
      `SES has no SMTP endpoint in region "${region}". Regions: ${SES_SMTP_REGIONS.join(", ")}.`,
    );
  }
}

/** The submission port with STARTTLS, which every SES SMTP endpoint offers (465 for TLS wrapper, 25 too). */
export const SES_SMTP_PORT = 587;

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
