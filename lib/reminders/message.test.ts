import { describe, expect, it } from "vitest";
import { reminderMail, reminderWebhookText } from "./message.ts";

const facts = {
  milestone: "overdue-2026-12-01",
  dueDate: new Date("2026-11-26T10:00:00Z"),
  daysLeft: -5,
  accountId: "123456789012",
  accountName: "production",
  userName: "ci-bot",
  accessKeyId: "AKIAEXAMPLE000000001",
  team: "<!channel> payments",
  publicUrl: "https://keyrotate.example.org/",
};

describe("reminder messages", () => {
  it("mail names the key, user, account, due date and the key's page", () => {
    const mail = reminderMail(facts);
    expect(mail.subject).toBe("keyrotate: access key AKIAEXAMPLE000000001 of ci-bot (production) is overdue for rotation by 5 days");
    expect(mail.text).toContain("in account production (123456789012)");
    expect(mail.text).toContain("was due for rotation on 2026-11-26: rotate it now.");
    expect(mail.text).toContain("Rotate it here: https://keyrotate.example.org/keys/AKIAEXAMPLE000000001");
  });

  it("says how to rotate without a public URL", () => {
    expect(reminderMail({ ...facts, publicUrl: undefined, daysLeft: 7 }).text).toContain("Rotate it with keyrotate.");
  });

  it("escapes what people typed before it reaches Slack", () => {
    const text = reminderWebhookText(facts);
    expect(text).toContain("Owner: &lt;!channel&gt; payments.");
    expect(text).not.toContain("<!channel>");
    expect(reminderWebhookText({ ...facts, team: null })).toContain("No owning team is recorded.");
  });
});
