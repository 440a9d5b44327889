import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./env.ts";

const saved = { ...process.env };
function withEnv(vars: Record<string, string | undefined>) {
  for (const key of Object.keys(process.env)) if (key.startsWith("KEYROTATE_") || key === "NODE_ENV") delete process.env[key];
  Object.assign(process.env, vars);
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const problems = (vars: Record<string, string | undefined>) => {
  withEnv(vars);
  try {
    env();
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("configuration checks", () => {
  it("reads the owner tags, mail and reminder settings, refusing bad ones by name", () => {
    withEnv({});
    expect(env()).toMatchObject({ KEYROTATE_OWNER_TAG: "owner", KEYROTATE_CONTACT_TAG: "contact", KEYROTATE_REMIND_MAX_ATTEMPTS: 5 });
    expect(problems({ KEYROTATE_OWNER_TAG: "Team", KEYROTATE_SMTP_URL: "smtp://mail.internal:25", KEYROTATE_REMIND_SCHEDULE: "0 8 * * *" })).toBe("");
    expect(env().KEYROTATE_OWNER_TAG).toBe("Team");
    expect(problems({ KEYROTATE_SMTP_URL: "http://mail.internal" })).toMatch(/KEYROTATE_SMTP_URL: must be an smtp/);
    expect(problems({ KEYROTATE_REMIND_SCHEDULE: "every morning" })).toMatch(/KEYROTATE_REMIND_SCHEDULE: must be a cron expression/);
  });

  it("accepts the defaults outside production", () => {
    expect(problems({ NODE_ENV: "development" })).toBe("");
  });

  it("refuses windows too short for production, unless told", () => {
    const short = { NODE_ENV: "production", KEYROTATE_QUIET_WINDOW_SECONDS: "60", KEYROTATE_INACTIVE_PERIOD_SECONDS: "3600" };
    const message = problems(short);
    expect(message).toMatch(/KEYROTATE_QUIET_WINDOW_SECONDS: at least 3600/);
    expect(message).toMatch(/KEYROTATE_INACTIVE_PERIOD_SECONDS: at least 86400/);
    expect(problems({ ...short, KEYROTATE_ALLOW_SHORT_WINDOWS: "1" })).toBe("");
    expect(problems({ ...short, NODE_ENV: "development" })).toBe("");
  });

  it("refuses demo sign-in in production unless it is asked for twice", () => {
    expect(problems({ NODE_ENV: "production", KEYROTATE_DEMO_SIGNIN: "1" })).toMatch(/KEYROTATE_DEMO_SIGNIN: demo sign-in lets anyone pick a role/);
    expect(problems({ NODE_ENV: "production", KEYROTATE_DEMO_SIGNIN: "1", KEYROTATE_DEMO_SIGNIN_IN_PRODUCTION: "1" })).toBe("");
    expect(problems({ NODE_ENV: "development", KEYROTATE_DEMO_SIGNIN: "1" })).toBe("");
  });

  it("wants OpenID Connect whole, with the public URL", () => {
    expect(problems({ KEYROTATE_OIDC_ISSUER: "https://login.example.org" })).toMatch(/go together/);
    const whole = { KEYROTATE_OIDC_ISSUER: "https://login.example.org", KEYROTATE_OIDC_CLIENT_ID: "kr", KEYROTATE_OIDC_CLIENT_SECRET: "s" };
    expect(problems(whole)).toMatch(/KEYROTATE_PUBLIC_URL: required/);
    expect(problems({ ...whole, KEYROTATE_PUBLIC_URL: "https://keyrotate.example.org" })).toBe("");
    expect(problems({ ...whole, KEYROTATE_PUBLIC_URL: "ftp://x" })).toMatch(/KEYROTATE_PUBLIC_URL: must be an http\(s\) URL/);
  });

  it("wants an https webhook in production, and accepts loopback http only in development or the demo", () => {
    expect(problems({ NODE_ENV: "production", KEYROTATE_WEBHOOK_URL: "http://127.0.0.1:9000/hook" })).toMatch(/KEYROTATE_WEBHOOK_URL: must use https/);
    expect(problems({ NODE_ENV: "production", KEYROTATE_WEBHOOK_URL: "https://hooks.slack.com/services/x" })).toBe("");
    expect(problems({ NODE_ENV: "development", KEYROTATE_WEBHOOK_URL: "http://127.0.0.1:9000/hook" })).toBe("");
    expect(problems({ NODE_ENV: "development", KEYROTATE_WEBHOOK_URL: "file:///etc/passwd" })).toMatch(/KEYROTATE_WEBHOOK_URL/);
  });

  it("names a bad scope pattern", () => {
    expect(problems({ KEYROTATE_SCOPE_NAME_PATTERN: "([" })).toMatch(/KEYROTATE_SCOPE_NAME_PATTERN: must be a valid regular expression/);
  });
});
