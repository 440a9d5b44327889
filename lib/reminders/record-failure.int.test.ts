// A reminder mailed, then its row cannot be updated (the database went away between the two): the run
// reports the mail as sent and says it was not recorded, instead of failing and hiding what went out.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveOwner } from "../db/owners.ts";
import { resetEnvCache } from "../env.ts";
import { KeyrotateError } from "../errors.ts";
import { ACCOUNT, fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { runReminders } from "./run.ts";

vi.mock("../db/reminders.ts", async (original) => ({
  ...(await original<typeof import("../db/reminders.ts")>()),
  finishReminder: async () => {
    throw new KeyrotateError("database-unreachable", "The database cannot be reached.");
  },
}));

setupFreshDatabase();

let smtp: SmtpSink;
const saved = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.KEYROTATE_SMTP_URL = smtp.url;
  delete process.env.KEYROTATE_WEBHOOK_URL;
  resetEnvCache();
});

afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await smtp.close();
});

describe("a reminder delivered but not recorded", () => {
  it("is reported as sent, with the recording failure beside it", async () => {
    await seedInventory([fakeUser("overdue-app", [{ id: "AKIARECORDFAIL000001", ageDays: 95 }])]);
    await saveOwner(ACCOUNT, "overdue-app", { team: "ci", contact: "ci@example.org" }, "test");
    const summary = await runReminders();
    expect(smtp.received.map((m) => m.to)).toEqual([["ci@example.org"]]);
    expect(summary).toMatchObject({ sent: 1, emails: 1, failed: 0 });
    expect(summary.results).toEqual([
      expect.objectContaining({
        accessKeyId: "AKIARECORDFAIL000001",
        outcome: "sent",
        error: "delivered by email but not recorded (The database cannot be reached.): the next run may send it again",
      }),
    ]);
  });
});
