// `keyrotate remind` and `keyrotate keys --owner/--no-owner` as a person or cron runs them: the real binary,
// a real database and a real SMTP server in this process (so the CLI runs asynchronously: a blocking
// spawn would stop this process from answering it).
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveOwner } from "../db/owners.ts";
import { ACCOUNT, fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";

const database = setupFreshDatabase();
let smtp: SmtpSink;

function keyrotate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: database.url(), KEYROTATE_SMTP_URL: smtp.url, KEYROTATE_WEBHOOK_URL: "" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/keyrotate.mjs", ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  await seedInventory([
    { ...fakeUser("search-app", [{ id: "AKIACLIREMIND0000001", ageDays: 75 }]), tags: null },
    { ...fakeUser("tagged-app", [{ id: "AKIACLIREMIND0000002", ageDays: 95 }]), tags: [{ key: "owner", value: "payments" }, { key: "contact", value: "pay@example.org" }] },
    { ...fakeUser("orphan-app", [{ id: "AKIACLIREMIND0000003", ageDays: 83 }]), tags: null },
  ]);
  await saveOwner(ACCOUNT, "search-app", { team: "search", contact: "search@example.org" }, "test");
});

afterAll(async () => {
  await smtp.close();
});

describe("keyrotate remind", () => {
  it("dry run, then a run that sends, then one that sends nothing", { timeout: 180_000 }, async () => {
    const dry = await keyrotate("remind", "--dry-run");
    expect(dry.stdout).toContain("would send due-15 for AKIACLIREMIND0000001 (search-app) to search@example.org");
    expect(dry.stdout).toContain("Dry run: would send 2 reminders, 0 already sent; 1 without an owner contact.");
    expect(smtp.received).toEqual([]);

    const first = await keyrotate("remind");
    // The orphan has no contact and no webhook is configured: nothing can reach anyone, and it is counted.
    expect(first.stdout.trim()).toBe("Sent 2 reminders (2 emails, 0 webhooks), 0 failed, 0 already sent; 1 without an owner contact.");
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("AKIACLIREMIND0000003 (orphan-app) due-7: not sent: no owner contact and no webhook configured");
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["pay@example.org", "search@example.org"]);

    const second = await keyrotate("remind", "--json");
    const summary = JSON.parse(second.stdout) as { sent: number; alreadySent: number };
    expect(summary).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(smtp.received).toHaveLength(2);
  });

  it("keys --owner TEAM and --no-owner filter by the owning team, and --json names it", { timeout: 180_000 }, async () => {
    const search = JSON.parse((await keyrotate("keys", "--json", "--owner", "search")).stdout) as Array<Record<string, unknown>>;
    expect(search.map((r) => [r.accessKeyId, r.owner, r.ownerContact])).toEqual([["AKIACLIREMIND0000001", "search", "search@example.org"]]);
    const payments = JSON.parse((await keyrotate("keys", "--json", "--owner", "payments")).stdout) as Array<Record<string, unknown>>;
    expect(payments.map((r) => r.accessKeyId)).toEqual(["AKIACLIREMIND0000002"]);
    const none = await keyrotate("keys", "--no-owner");
    expect(none.stdout).toContain("AKIACLIREMIND0000003");
    expect(none.stdout).not.toContain("AKIACLIREMIND0000001");
    expect(none.stdout).toContain("1 key with no owner.");
  });

  it("two processes at once send each reminder once", { timeout: 240_000 }, async () => {
    await seedInventory([
      { ...fakeUser("twin-a", [{ id: "AKIACLIREMIND0000011", ageDays: 89 }]), tags: [{ key: "contact", value: "twin-a@example.org" }] },
      { ...fakeUser("twin-b", [{ id: "AKIACLIREMIND0000012", ageDays: 120 }]), tags: [{ key: "contact", value: "twin-b@example.org" }] },
    ]);
    smtp.received.length = 0;
    const runs = await Promise.all([keyrotate("remind", "--json"), keyrotate("remind", "--json")]);
    const summaries = runs.map((r) => JSON.parse(r.stdout) as { sent: number; failed: number });
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(2);
    expect(summaries.reduce((n, s) => n + s.failed, 0)).toBe(0);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["twin-a@example.org", "twin-b@example.org"]);
  });
});
