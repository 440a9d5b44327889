import { describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { datedUserName, isSmtpUser, nextSmtpUserName, smtpBaseName } from "./smtp-user-names.ts";

function refusal(body: () => unknown): KeyrotateError {
  try {
    body();
  } catch (error) {
    if (error instanceof KeyrotateError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("datedUserName", () => {
  it("appends the UTC date as YYYYMMDD", () => {
    expect(datedUserName("ses-smtp-user", new Date("2026-12-01T09:30:00Z"))).toBe("ses-smtp-user.20261201");
    // 23:30 in New York on 31 January is already 1 February in UTC: every operator gets one name.
    expect(datedUserName("mailer", new Date("2026-01-31T23:30:00-05:00"))).toBe("mailer.20260201");
  });

  it("refuses a name IAM would refuse, and an invalid date", () => {
    expect(refusal(() => datedUserName("x".repeat(56), new Date("2026-12-01"))).code).toBe("invalid-input");
    expect(datedUserName("x".repeat(55), new Date("2026-12-01"))).toHaveLength(64);
    expect(refusal(() => datedUserName("has space", new Date("2026-12-01"))).userMessage).toContain("not a valid IAM user name");
    expect(refusal(() => datedUserName("", new Date("2026-12-01"))).code).toBe("invalid-input");
    expect(refusal(() => datedUserName("ok", new Date("not a date"))).code).toBe("invalid-input");
  });
});

describe("smtpBaseName", () => {
  it("returns the base of a name with a real date suffix", () => {
    expect(smtpBaseName("ses-smtp-user.20250115")).toBe("ses-smtp-user");
    expect(smtpBaseName("app.mailer.20240229")).toBe("app.mailer");
    expect(smtpBaseName("a.b.20251231")).toBe("a.b");
  });

  it("returns null when the suffix is missing or not a real date", () => {
    expect(smtpBaseName("ses-smtp-user")).toBeNull();
    expect(smtpBaseName("ses-smtp-user.2025011")).toBeNull();
    expect(smtpBaseName("ses-smtp-user.202501150")).toBeNull();
    expect(smtpBaseName("ses-smtp-user-20250115")).toBeNull();
    expect(smtpBaseName("ses-smtp-user.20250230")).toBeNull();
    expect(smtpBaseName("ses-smtp-user.20250229")).toBeNull(); // 2025 is not a leap year
    expect(smtpBaseName("ses-smtp-user.20251301")).toBeNull();
    expect(smtpBaseName(".20250115")).toBeNull();
  });
});

describe("isSmtpUser", () => {
  const dated = { userName: "mailer.20250115", path: "/smtp/", tags: [{ key: "purpose", value: "ses-smtp" }] };
  const plain = { userName: "deploy-bot", path: "/", tags: [] };

  it("recognises the dated suffix by default", () => {
    expect(isSmtpUser(dated)).toBe(true);
    expect(isSmtpUser(plain)).toBe(false);
    expect(isSmtpUser({ userName: "mailer.20250230", path: "/" })).toBe(false);
  });

  it("takes a name pattern instead of the default", () => {
    expect(isSmtpUser(plain, { namePattern: /-bot$/ })).toBe(true);
    expect(isSmtpUser(dated, { namePattern: /^smtp-/ })).toBe(false);
  });

  it("requires every criterion given: path prefix and tag as well as the name", () => {
    expect(isSmtpUser(dated, { pathPrefix: "/smtp/" })).toBe(true);
    expect(isSmtpUser(dated, { pathPrefix: "/service/" })).toBe(false);
    expect(isSmtpUser(dated, { tag: { key: "purpose" } })).toBe(true);
    expect(isSmtpUser(dated, { tag: { key: "purpose", value: "ses-smtp" } })).toBe(true);
    expect(isSmtpUser(dated, { tag: { key: "purpose", value: "other" } })).toBe(false);
    expect(isSmtpUser({ ...dated, tags: undefined }, { tag: { key: "purpose" } })).toBe(false);
    expect(isSmtpUser(plain, { pathPrefix: "/" })).toBe(false); // the default name rule still applies
  });
});

describe("nextSmtpUserName", () => {
  const today = new Date("2026-12-01T10:00:00Z");

  it("proposes <base>.<today>", () => {
    expect(nextSmtpUserName("mailer.20250115", today)).toBe("mailer.20261201");
    expect(nextSmtpUserName("mailer", today)).toBe("mailer.20261201");
  });

  it("refuses a same-day re-creation, saying why and what to do", () => {
    const error = refusal(() => nextSmtpUserName("mailer.20261201", today));
    expect(error.code).toBe("conflict");
    expect(error.userMessage).toBe(
      "mailer.20261201 was already created today (UTC): its replacement would have the same name. Re-create it tomorrow, or rotate another way.",
    );
    // The same name late on the same UTC day is refused too; the next UTC day is fine.
    expect(refusal(() => nextSmtpUserName("mailer.20261201", new Date("2026-12-01T23:59:59Z"))).code).toBe("conflict");
    expect(nextSmtpUserName("mailer.20261201", new Date("2026-12-02T00:00:00Z"))).toBe("mailer.20261202");
  });

  it("refuses a user dated after today", () => {
    expect(refusal(() => nextSmtpUserName("mailer.20261205", today)).userMessage).toMatch(/dated after today \(20261201 UTC\)/);
  });
});
