import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { credentialsSnippet, envSnippet, shellQuote } from "./snippets.ts";

const secret = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE+KEY",
  userName: "deploy-bot",
};

describe("envSnippet", () => {
  it("exports both variables, one per line, leaving AWS's characters unquoted", () => {
    expect(envSnippet(secret)).toBe(
      "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE+KEY",
    );
  });

  it("yields the exact secret when a shell runs it, even with characters a shell would expand", () => {
    const odd = { ...secret, secretAccessKey: `a b'c$HOME"d\`e\\f*` };
    const out = execFileSync("sh", ["-c", `${envSnippet(odd)}\nprintf %s "$AWS_SECRET_ACCESS_KEY"`], { encoding: "utf8" });
    expect(out).toBe(odd.secretAccessKey);
  });
});

describe("shellQuote", () => {
  it("quotes empty strings so the variable is still assigned", () => {
    expect(shellQuote("")).toBe("''");
  });
});

describe("credentialsSnippet", () => {
  it("is a profile named after the user with both keys", () => {
    expect(credentialsSnippet(secret)).toBe(
      "[deploy-bot]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE+KEY",
    );
  });
});
