// Done when (issue 13): a reminder run against a local SMTP server delivers exactly the expected
// messages, and a second run delivers none. A refused delivery is recorded and retried; two runs at once
// send each reminder once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveOwner } from "../db/owners.ts";
import { findReminder, listReminders } from "../db/reminders.ts";
import { resetEnvCache } from "../env.ts";
import { ACCOUNT, fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { startWebhookReceiver, type Receiver } from "../testing/webhook-receiver.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { describeRun, runReminders } from "./run.ts";

setupFreshDatabase();

let smtp: SmtpSink;
const saved = { ...process.env };
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.KEYROTATE_SMTP_URL = smtp.url;
  process.env.KEYROTATE_MAIL_FROM = "keyrotate <keyrotate@example.org>";
  process.env.KEYROTATE_PUBLIC_URL = "https://keyrotate.example.org";
  delete process.env.KEYROTATE_WEBHOOK_URL;
  resetEnvCache();
});

afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await smtp.close();
});

beforeEach(() => {
  smtp.received.length = 0;
});

const user = (name: string, id: string, ageDays: number, tags: Array<{ key: string; value: string }> | null = null) => ({
  ...fakeUser(name, [{ id, ageDays }]),
  tags,
});

describe("keyrotate remind", () => {
  it("mails each owner once per milestone, and a second run sends nothing", async () => {
    await seedInventory([
      user("due-in-15", "AKIAREMIND0000000015", 75),
      user("due-in-7", "AKIAREMIND0000000007", 83, [
        { key: "owner", value: "payments" },
        { key: "contact", value: "payments@example.org" },
      ]),
      user("due-in-1", "AKIAREMIND0000000001", 89),
      user("overdue", "AKIAREMIND0000000095", 95),
      user("fresh", "AKIAREMIND0000000030", 30),
    ]);
    await saveOwner(ACCOUNT, "due-in-15", { team: "search", contact: "search@example.org" }, "test");
    await saveOwner(ACCOUNT, "due-in-1", { team: "billing", contact: "billing@example.org" }, "test");
    await saveOwner(ACCOUNT, "overdue", { team: "ci", contact: "ci@example.org" }, "test");
    await saveOwner(ACCOUNT, "fresh", { team: "web", contact: "web@example.org" }, "test");

    const first = await runReminders();
    expect(describeRun(first)).toBe("Sent 4 reminders (4 emails, 0 webhooks), 0 failed, 0 already sent; 0 without an owner contact.");
    const byTo = Object.fromEntries(smtp.received.map((m) => [m.to.join(","), m]));
    expect(Object.keys(byTo).sort()).toEqual(["billing@example.org", "ci@example.org", "payments@example.org", "search@example.org"]);
    expect(byTo["search@example.org"].subject).toBe(`keyrotate: access key AKIAREMIND0000000015 of due-in-15 (${ACCOUNT}) is due for rotation in 15 days`);
    expect(byTo["payments@example.org"].subject).toContain("AKIAREMIND0000000007 of due-in-7");
    expect(byTo["payments@example.org"].subject).toContain("in 7 days");
    expect(byTo["billing@example.org"].subject).toContain("in 1 day");
    expect(byTo["ci@example.org"].subject).toContain("AKIAREMIND0000000095 of overdue");
    expect(byTo["ci@example.org"].subject).toContain("overdue for rotation by 5 days");
    expect(byTo["ci@example.org"].text).toContain("https://keyrotate.example.org/keys/AKIAREMIND0000000095");
    for (const m of smtp.received) {
      expect(m.from).toBe("keyrotate@example.org");
      // Only ids and names: nothing shaped like a secret access key (40 base64 characters).
      expect(`${m.subject}\n${m.text}`).not.toMatch(/[A-Za-z0-9/+]{40}/);
    }
    expect((await findReminder(ACCOUNT, "AKIAREMIND0000000095", `overdue-${today()}`))?.status).toBe("sent");
    expect(await findReminder(ACCOUNT, "AKIAREMIND0000000030", "due-15")).toBeNull();

    smtp.received.length = 0;
    const second = await runReminders();
    expect(smtp.received).toEqual([]);
    expect(describeRun(second)).toBe("Sent 0 reminders (0 emails, 0 webhooks), 0 failed, 4 already sent; 0 without an owner contact.");
  });

  it("a dry run says what it would send and sends nothing", async () => {
    await seedInventory([user("dry", "AKIAREMIND00000DRY01", 84)]);
    await saveOwner(ACCOUNT, "dry", { team: null, contact: "dry@example.org" }, "test");
    const dry = await runReminders({ dryRun: true });
    expect(dry.results.filter((r) => r.outcome === "would-send").map((r) => r.accessKeyId)).toEqual(["AKIAREMIND00000DRY01"]);
    expect(smtp.received).toEqual([]);
    expect(await findReminder(ACCOUNT, "AKIAREMIND00000DRY01", "due-7")).toBeNull();
    await runReminders();
  });

  it("records a refused delivery as failed and the next run retries it", async () => {
    await seedInventory([user("flaky", "AKIAREMIND00000FLAKY", 86)]);
    await saveOwner(ACCOUNT, "flaky", { team: "flaky", contact: "flaky@example.org" }, "test");
    smtp.refuseNext(1);
    const first = await runReminders();
    expect(first.failed).toBe(1);
    expect(first.sent).toBe(0);
    expect(smtp.received).toEqual([]);
    const failed = await findReminder(ACCOUNT, "AKIAREMIND00000FLAKY", "due-7");
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.lastError).toContain("451");

    const second = await runReminders();
    expect(second.sent).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual([["flaky@example.org"]]);
    expect(await findReminder(ACCOUNT, "AKIAREMIND00000FLAKY", "due-7")).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("sends each reminder once when two runs race", async () => {
    await seedInventory([user("race-a", "AKIAREMIND0000RACE01", 89), user("race-b", "AKIAREMIND0000RACE02", 100)]);
    await saveOwner(ACCOUNT, "race-a", { team: null, contact: "race-a@example.org" }, "test");
    await saveOwner(ACCOUNT, "race-b", { team: null, contact: "race-b@example.org" }, "test");
    const runs = await Promise.all([runReminders(), runReminders(), runReminders()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["race-a@example.org", "race-b@example.org"]);
  });

  describe("with a webhook", () => {
    let hook: Receiver;
    beforeAll(async () => {
      hook = await startWebhookReceiver();
      process.env.KEYROTATE_WEBHOOK_URL = hook.url;
      resetEnvCache();
    });
    afterAll(async () => {
      delete process.env.KEYROTATE_WEBHOOK_URL;
      resetEnvCache();
      await hook.close();
    });

    it("tells the webhook about a key whose owner has no contact, and counts it", async () => {
      await seedInventory([user("orphan", "AKIAREMIND000ORPHAN1", 80)]);
      const run = await runReminders();
      expect(run.noContact).toBe(1);
      expect(run.webhooks).toBe(1);
      expect(run.emails).toBe(0);
      expect(smtp.received).toEqual([]);
      expect(JSON.stringify(hook.received)).toContain("AKIAREMIND000ORPHAN1");
      expect(await listReminders({ accessKeyId: "AKIAREMIND000ORPHAN1" })).toMatchObject([{ status: "sent", channels: ["webhook"], contact: null }]);
    });
  });
});

describe("the in-app schedule", () => {
  it("runs in one instance at a time: a second instance finds the lease taken and skips", async () => {
    const { acquireLease, releaseLease } = await import("../db/leases.ts");
    const { scheduledReminders } = await import("./schedule.ts");
    await acquireLease("remind", "other-host:1:x", 60_000);
    expect(await scheduledReminders()).toBe(false);
    await releaseLease("remind", "other-host:1:x");
    await seedInventory([user("scheduled", "AKIAREMIND0SCHEDULE1", 76)]);
    await saveOwner(ACCOUNT, "scheduled", { team: null, contact: "scheduled@example.org" }, "test");
    smtp.received.length = 0;
    expect(await scheduledReminders()).toBe(true);
    expect(smtp.received.map((m) => m.to[0])).toEqual(["scheduled@example.org"]);
  });
});
