import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "../env.ts";
import { isSmtpUserFromConfig } from "./smtp-users.ts";

const saved = { ...process.env };
function withEnv(vars: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (key.startsWith("KEYROTATE_") || key === "AWS_REGION") delete process.env[key];
  Object.assign(process.env, vars);
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const user = (userName: string, path = "/", tags: { key: string; value: string }[] | null = []) => ({ userName, path, tags });

describe("isSmtpUserFromConfig", () => {
  it("by default, recognises a name ending in a real date", () => {
    withEnv({});
    expect(isSmtpUserFromConfig(user("mailer.20250101"))).toBe(true);
    expect(isSmtpUserFromConfig(user("mailer.20250231"))).toBe(false);
    expect(isSmtpUserFromConfig(user("support-api"))).toBe(false);
  });

  it("uses the configured pattern, path prefix and tag, all of them", () => {
    withEnv({ KEYROTATE_SMTP_USER_PATTERN: "^ses-", KEYROTATE_SMTP_USER_PATH_PREFIX: "/smtp/", KEYROTATE_SMTP_USER_TAG: "purpose=smtp" });
    const tagged = [{ key: "purpose", value: "smtp" }];
    expect(isSmtpUserFromConfig(user("ses-notify", "/smtp/", tagged))).toBe(true);
    expect(isSmtpUserFromConfig(user("ses-notify", "/apps/", tagged))).toBe(false);
    expect(isSmtpUserFromConfig(user("ses-notify", "/smtp/", [{ key: "purpose", value: "api" }]))).toBe(false);
    expect(isSmtpUserFromConfig(user("mailer.20250101", "/smtp/", tagged))).toBe(false);
  });

  it("does not call a user with unread tags an SMTP user when a tag is required", () => {
    withEnv({ KEYROTATE_SMTP_USER_TAG: "smtp" });
    expect(isSmtpUserFromConfig(user("mailer.20250101", "/", null))).toBe(false);
    expect(isSmtpUserFromConfig(user("mailer.20250101", "/", [{ key: "smtp", value: "" }]))).toBe(true);
  });

  it("follows a configuration change", () => {
    withEnv({ KEYROTATE_SMTP_USER_PATH_PREFIX: "/smtp/" });
    expect(isSmtpUserFromConfig(user("mailer.20250101", "/"))).toBe(false);
    withEnv({});
    expect(isSmtpUserFromConfig(user("mailer.20250101", "/"))).toBe(true);
  });
});

describe("KEYROTATE_SES_REGION", () => {
  it("defaults to AWS_REGION where SES has SMTP, else eu-west-1", () => {
    withEnv({ AWS_REGION: "eu-central-1" });
    expect(env().KEYROTATE_SES_REGION).toBe("eu-central-1");
    withEnv({ AWS_REGION: "ap-east-1" });
    expect(env().KEYROTATE_SES_REGION).toBe("eu-west-1");
    withEnv({});
    expect(env().KEYROTATE_SES_REGION).toBe("eu-west-1");
    withEnv({ AWS_REGION: "eu-central-1", KEYROTATE_SES_REGION: "us-west-2" });
    expect(env().KEYROTATE_SES_REGION).toBe("us-west-2");
  });

  it("refuses a region without an SMTP endpoint, and bad SMTP user criteria, by name", () => {
    withEnv({ KEYROTATE_SES_REGION: "ap-east-1", KEYROTATE_SMTP_USER_PATTERN: "([", KEYROTATE_SMTP_USER_PATH_PREFIX: "smtp", KEYROTATE_SMTP_USER_TAG: "=x" });
    expect(() => env()).toThrow(/KEYROTATE_SES_REGION: must be a region with an SES SMTP endpoint/);
    expect(() => env()).toThrow(/KEYROTATE_SMTP_USER_PATTERN: must be a valid regular expression/);
    expect(() => env()).toThrow(/KEYROTATE_SMTP_USER_PATH_PREFIX: must be an IAM path prefix/);
    expect(() => env()).toThrow(/KEYROTATE_SMTP_USER_TAG: must be KEY or KEY=VALUE/);
  });
});
