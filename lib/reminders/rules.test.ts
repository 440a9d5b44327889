import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueReminder, reminderSubject, silencedBy } from "./rules.ts";

const now = new Date("2026-12-01T08:00:00Z");
const aged = (days: number, status: "Active" | "Inactive" = "Active") => ({ status, createDate: new Date(now.getTime() - days * 86_400_000 - 60_000) });

describe("dueReminder", () => {
  it.each([
    [30, null],
    [74, null],
    [75, "due-15"],
    [80, "due-15"],
    [83, "due-7"],
    [88, "due-7"],
    [89, "due-1"],
    [90, "due-1"],
    [91, "overdue-2026-12-01"],
    [95, "overdue-2026-12-01"],
  ])("a key %i days old is owed %s", (age, milestone) => {
    expect(dueReminder(aged(age), now, 90)?.milestone ?? null).toBe(milestone);
  });

  it("says how many days are left and when the key is due", () => {
    expect(dueReminder(aged(83), now, 90)).toMatchObject({ daysLeft: 7 });
    expect(dueReminder(aged(95), now, 90)?.daysLeft).toBe(-5);
    expect(dueReminder(aged(0), now, 90)).toBeNull();
  });

  it("owes an overdue key a new reminder every day, and a due key the same one until the next milestone", () => {
    const key = aged(95);
    const tomorrow = new Date(now.getTime() + 86_400_000);
    expect(dueReminder(key, tomorrow, 90)?.milestone).toBe("overdue-2026-12-02");
    expect(dueReminder(aged(76), now, 90)?.milestone).toBe(dueReminder(aged(75), now, 90)?.milestone);
  });

  it("follows the configured maximum age", () => {
    expect(dueReminder(aged(45), now, 60)?.milestone).toBe("due-15");
  });

  it("owes an inactive key nothing", () => {
    expect(dueReminder(aged(95, "Inactive"), now, 90)).toBeNull();
  });

  it("never skips ahead: the milestone's days are at least the days left", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 20, max: 365 }), (age, max) => {
        const r = dueReminder(aged(age), now, max);
        if (!r) return max - age > 15;
        if (r.milestone.startsWith("overdue-")) return r.daysLeft < 0;
        return Number(r.milestone.slice(4)) >= r.daysLeft && r.daysLeft >= 0;
      }),
    );
  });
});

describe("reminderSubject", () => {
  it("names the key, the user, the account and the time left", () => {
    const base = { accessKeyId: "AKIAEXAMPLE", userName: "ci-bot", accountLabel: "production" };
    expect(reminderSubject({ ...base, daysLeft: 7 })).toBe("keyrotate: access key AKIAEXAMPLE of ci-bot (production) is due for rotation in 7 days");
    expect(reminderSubject({ ...base, daysLeft: 1 })).toContain("in 1 day");
    expect(reminderSubject({ ...base, daysLeft: 0 })).toContain("today");
    expect(reminderSubject({ ...base, daysLeft: -5 })).toContain("overdue for rotation by 5 days");
  });
});

describe("silencedBy", () => {
  it("an exemption from overdue silences every age reminder; one from due-soon only those before the due date", () => {
    expect(silencedBy("overdue-2026-12-01", ["overdue"])).toBe(true);
    expect(silencedBy("due-7", ["overdue"])).toBe(true);
    expect(silencedBy("due-7", ["due-soon"])).toBe(true);
    expect(silencedBy("overdue-2026-12-01", ["due-soon"])).toBe(false);
    expect(silencedBy("due-1", ["stale", "never-used"])).toBe(false);
    expect(silencedBy("due-15", [])).toBe(false);
  });
});
