import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "./webhook-url.ts";

const strict = { allowLoopbackHttp: false };
const tests = { allowLoopbackHttp: true };

describe("checkWebhookUrl", () => {
  it.each([
    "https://hooks.slack.com/services/T000/B000/XXXX",
    "https://chat.example.org:8443/hooks/abc?x=1",
    "https://127.0.0.1:9/hook",
  ])("accepts https: %s", (url) => {
    expect(checkWebhookUrl(url, strict)).toBeNull();
    expect(checkWebhookUrl(url, tests)).toBeNull();
  });

  it.each([
    "http://127.0.0.1:4000/hook",
    "http://127.255.0.9/hook",
    "http://127.1/hook", // the URL parser normalises shorthand to 127.0.0.1
    "http://[::1]:4000/hook",
    "http://localhost:4000/hook",
    "http://LOCALHOST/hook",
  ])("accepts loopback http only when allowed: %s", (url) => {
    expect(checkWebhookUrl(url, tests)).toBeNull();
    expect(checkWebhookUrl(url, strict)).toBe("must use https");
  });

  it.each([
    "http://hooks.slack.com/services/T000/B000/XXXX",
    "http://10.0.0.1/hook",
    "http://128.0.0.1/hook",
    "http://127.0.0.1.evil.example/hook",
    "http://localhost.evil.example/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://0.0.0.0/hook",
  ])("refuses http to a host that is not loopback, even in tests: %s", (url) => {
    expect(checkWebhookUrl(url, tests)).toBe("must use https (plain http is allowed only to a loopback address)");
    expect(checkWebhookUrl(url, strict)).toBe("must use https");
  });

  it.each([
    ["file:///etc/passwd", "file:"],
    ["gopher://127.0.0.1:25/_HELO", "gopher:"],
    ["ftp://127.0.0.1/hook", "ftp:"],
    ["javascript:alert(1)", "javascript:"],
  ])("refuses other schemes: %s", (url, scheme) => {
    expect(checkWebhookUrl(url, tests)).toBe(`must use https (${scheme} is not allowed)`);
    expect(checkWebhookUrl(url, strict)).toBe(`must use https (${scheme} is not allowed)`);
  });

  it.each(["https://bot:s3cret@hooks.slack.com/x", "https://bot@hooks.slack.com/x", "http://:pw@127.0.0.1/x"])(
    "refuses credentials without repeating them: %s",
    (url) => {
      const reason = checkWebhookUrl(url, tests);
      expect(reason).toBe("must not contain a user name or password");
    },
  );

  it.each(["", "hooks.slack.com/services/x", "https://", "http://[::1/hook", "not a url"])("refuses an unparsable URL: %j", (url) => {
    expect(checkWebhookUrl(url, tests)).toBe("is not a valid URL");
  });
});
