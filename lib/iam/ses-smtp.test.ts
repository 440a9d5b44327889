import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { SES_SMTP_REGIONS, assertSesSmtpRegion, looksLikeSecretAccessKey, sesSmtpEndpoint, sesSmtpPassword } from "./ses-smtp.ts";

// The AWS documentation's example secret access key (a published fake, not a credential).
const AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

// Each expected value is published by a project other than this one; none was computed by this code.
const PUBLISHED = [
  // aws/aws-sdk-php, tests/Ses/SesClientTest.php, testCanGenerateSmtpPasswordV4FromCredentials
  // (SesClient::generateSmtpPasswordV4 with AWS's example credentials).
  { source: "aws-sdk-php", secret: AWS_EXAMPLE_SECRET, region: "us-east-2", expected: "BMPPgbAHoFVbze1Ud0oA5uNdXRwUXUZ+qOwphGJbl/cS" },
  // challgren/php-aws-smtp-password, tests/TestCase/PhpAwsSmtpPasswordTest.php, testConvert.
  { source: "php-aws-smtp-password", secret: AWS_EXAMPLE_SECRET, region: "us-east-1", expected: "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9" },
  // hashicorp/terraform-provider-aws, internal/service/iam/access_key_test.go,
  // TestSESSMTPPasswordFromSecretKeySigV4 (the provider's ses_smtp_password_v4 attribute).
  { source: "terraform-provider-aws", secret: "some+secret+key", region: "eu-central-1", expected: "BMXhUYlu5Z3gSXVQORxlVa7XPaz91aGWdfHxvkOZdWZ2" },
  { source: "terraform-provider-aws", secret: "another+secret+key", region: "eu-central-1", expected: "BBbphbrQmrKMx42d1N6+C7VINYEBGI5v9VsZeTxwskfh" },
  { source: "terraform-provider-aws", secret: "some+secret+key", region: "us-west-1", expected: "BH+jbMzper5WwlwUar9E1ySBqHa9whi0GPo+sJ0mVYJj" },
  { source: "terraform-provider-aws", secret: "another+secret+key", region: "us-west-1", expected: "BKVmjjMDFk/qqw8EROW99bjCS65PF8WKvK5bSr4Y6EqF" },
];

// eu-west-1 (the region the CLI test uses): no SDK or library we could attribute publishes this
// value; code search shows it only as a pinned expectation in third-party tests whose repository
// the search did not name. So it was computed independently, with Python's hmac/hashlib:
//   k = b"AWS4" + secret.encode()
//   for m in ["11111111", "eu-west-1", "ses", "aws4_request", "SendRawEmail"]:
//       k = hmac.new(k, m.encode(), hashlib.sha256).digest()
//   base64.b64encode(b"\x04" + k)
// That script also reproduces every PUBLISHED value above.
const EXAMPLE_EU_WEST_1 = "BMW5RDrXmmVs0lV7GpI4oLkHXpZ4stDsk6q91z1g38Pk";

describe("sesSmtpPassword", () => {
  it.each(PUBLISHED)("matches $source for $secret in $region", ({ secret, region, expected }) => {
    expect(sesSmtpPassword(secret, region)).toBe(expected);
  });

  it("matches the independently computed eu-west-1 value for AWS's example secret", () => {
    expect(sesSmtpPassword(AWS_EXAMPLE_SECRET, "eu-west-1")).toBe(EXAMPLE_EU_WEST_1);
  });

  it("is a version byte 0x04 followed by a 32-byte HMAC-SHA256, in base64", () => {
    const raw = Buffer.from(sesSmtpPassword(AWS_EXAMPLE_SECRET, "eu-west-2"), "base64");
    expect(raw).toHaveLength(33);
    expect(raw[0]).toBe(0x04);
    // The last link of the chain, recomputed by hand, is the 32 bytes after the version byte.
    const chain = ["11111111", "eu-west-2", "ses", "aws4_request", "SendRawEmail"];
    const expected = chain.reduce<Buffer | string>((key, part) => createHmac("sha256", key).update(part).digest(), `AWS4${AWS_EXAMPLE_SECRET}`);
    expect(raw.subarray(1).equals(expected as Buffer)).toBe(true);
  });

  it("differs by region: a password for one region does not work in another", () => {
    expect(sesSmtpPassword(AWS_EXAMPLE_SECRET, "us-east-1")).not.toBe(sesSmtpPassword(AWS_EXAMPLE_SECRET, "us-east-2"));
  });

  it("refuses an unknown region, naming the valid ones, and an empty secret", () => {
    const error = (() => {
      try {
        sesSmtpPassword(AWS_EXAMPLE_SECRET, "us-central-1");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KeyrotateError);
    expect((error as KeyrotateError).code).toBe("invalid-input");
    expect((error as KeyrotateError).userMessage).toMatch(/"us-central-1".*Regions: us-east-1, us-east-2, .*eu-west-1, /);
    expect(() => sesSmtpPassword("", "eu-west-1")).toThrow(/empty/);
  });
});

describe("regions and endpoints", () => {
  it("names the SMTP endpoint of a region", () => {
    expect(sesSmtpEndpoint("eu-west-1")).toBe("email-smtp.eu-west-1.amazonaws.com");
    expect(sesSmtpEndpoint("us-gov-west-1")).toBe("email-smtp.us-gov-west-1.amazonaws.com");
    expect(() => sesSmtpEndpoint("mars-north-1")).toThrow(KeyrotateError);
  });

  it("lists each region once, all shaped like AWS region names", () => {
    expect(new Set(SES_SMTP_REGIONS).size).toBe(SES_SMTP_REGIONS.length);
    expect(SES_SMTP_REGIONS.every((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r))).toBe(true);
    expect(() => assertSesSmtpRegion("eu-west-1")).not.toThrow();
    expect(() => assertSesSmtpRegion("EU-WEST-1")).toThrow(KeyrotateError);
  });
});

describe("looksLikeSecretAccessKey", () => {
  it("accepts 40 base64 characters and nothing else", () => {
    expect(looksLikeSecretAccessKey(AWS_EXAMPLE_SECRET)).toBe(true);
    expect(looksLikeSecretAccessKey(AWS_EXAMPLE_SECRET.slice(1))).toBe(false);
    expect(looksLikeSecretAccessKey(`${AWS_EXAMPLE_SECRET}\n`)).toBe(false);
    expect(looksLikeSecretAccessKey(AWS_EXAMPLE_SECRET.replace("/", "-"))).toBe(false);
    expect(looksLikeSecretAccessKey("")).toBe(false);
  });
});
