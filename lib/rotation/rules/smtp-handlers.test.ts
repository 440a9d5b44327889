import { describe, expect, it } from "vitest";
import { smtpConfirmLocations, smtpCreateKey, smtpCreateUser, smtpDistribute, startSmtpRotation } from "./smtp-handlers.ts";
import { COPIED, HOUR, MIN, NEW, NEW_USER, OLD, OLD_USER, T0, at, facts, mustSmtp, smtpKey, smtpStates } from "../../testing/smtp-rotation-fixtures.ts";

describe("startSmtpRotation", () => {
  it("starts at confirm-locations with the old user's keys, naming the user it will become", () => {
    const started = startSmtpRotation({ now: T0, role: "rotator", userName: OLD_USER, keys: [smtpKey(OLD)] });
    expect(started).toMatchObject({ ok: true, state: { step: "confirm-locations", oldUserName: OLD_USER, oldKeyIds: [OLD], startedAt: T0 } });
    expect(started.ok && started.audit).toContain(`re-created as ${NEW_USER}`);
  });

  it("refuses a user without a key, one already re-created today, and a viewer", () => {
    expect(startSmtpRotation({ now: T0, role: "rotator", userName: OLD_USER, keys: [] })).toMatchObject({ ok: false, code: "no-keys" });
    expect(startSmtpRotation({ now: T0, role: "rotator", userName: NEW_USER, keys: [smtpKey(NEW)] })).toMatchObject({
      ok: false,
      code: "new-user-name-taken",
      message: expect.stringMatching(/already created today/),
    });
    expect(startSmtpRotation({ now: T0, role: "viewer", userName: OLD_USER, keys: [smtpKey(OLD)] })).toMatchObject({ ok: false, code: "viewer-read-only" });
  });
});

describe("smtpConfirmLocations", () => {
  it("carries the locations into the create-user step", () => {
    const next = mustSmtp(smtpConfirmLocations(smtpStates.confirm(), { type: "confirm-locations", locationIds: ["loc-1", "loc-1", "loc-2"] }));
    expect(next.state).toMatchObject({ step: "create-user", locationIds: ["loc-1", "loc-2"], newUserName: null, createRequestedAt: null });
  });

  it("refuses no locations unless explicitly acknowledged", () => {
    expect(smtpConfirmLocations(smtpStates.confirm(), { type: "confirm-locations", locationIds: [] })).toMatchObject({ ok: false, code: "no-locations-unacknowledged" });
    expect(smtpConfirmLocations(smtpStates.confirm(), { type: "confirm-locations", locationIds: [], acknowledgeNoLocations: true }).ok).toBe(true);
  });
});

describe("smtpCreateUser", () => {
  it("fixes today's name and asks the runner to copy the old user", () => {
    const next = mustSmtp(smtpCreateUser(smtpStates.createUser(), { type: "create-user" }, facts()));
    expect(next.state).toMatchObject({ step: "create-user", newUserName: NEW_USER, createRequestedAt: T0 });
    expect(next.effects).toEqual([{ type: "create-user", userName: NEW_USER, like: OLD_USER }]);
  });

  it("keeps the first name on a retry, even on another day, so an interrupted copy is found again", () => {
    const interrupted = smtpStates.createUser(NEW_USER, at(-HOUR));
    const nextDay = facts({ now: new Date("2025-03-02T09:00:00Z") });
    const next = mustSmtp(smtpCreateUser(interrupted, { type: "create-user" }, nextDay));
    expect(next.effects).toEqual([{ type: "create-user", userName: NEW_USER, like: OLD_USER }]);
    expect(next.audit).toMatch(/^Resumed creating/);
  });

  it("moves to create-key once the copy is reported, and says what was copied", () => {
    const next = mustSmtp(smtpCreateUser(smtpStates.createUser(NEW_USER, T0), { type: "user-created", userName: NEW_USER, copied: COPIED }, facts()));
    expect(next.state).toMatchObject({ step: "create-key", newUserName: NEW_USER, copied: COPIED, region: null, createRequestedAt: null });
    expect(next.audit).toContain("1 group(s) (ses-senders), 1 managed policy, 1 inline policy (from-noreply), 1 tag(s)");
  });

  it("refuses a report for a user it did not ask for", () => {
    expect(smtpCreateUser(smtpStates.createUser(), { type: "user-created", userName: NEW_USER, copied: COPIED }, facts())).toMatchObject({ ok: false });
    expect(smtpCreateUser(smtpStates.createUser(NEW_USER, T0), { type: "user-created", userName: "other.20250301", copied: COPIED }, facts())).toMatchObject({ ok: false });
  });
});

describe("smtpCreateKey", () => {
  it("creates a key in the chosen region", () => {
    const next = mustSmtp(smtpCreateKey(smtpStates.createKey(), { type: "create-key", region: "eu-central-1" }, facts({ newKeys: [] })));
    expect(next.state).toMatchObject({ region: "eu-central-1", createRequestedAt: T0 });
    expect(next.effects).toEqual([{ type: "create-key", userName: NEW_USER, region: "eu-central-1" }]);
  });

  it("first deletes a never-used key left by an interrupted attempt", () => {
    const orphan = smtpKey(NEW, { createDate: at(-MIN), lastUsedDate: null });
    const next = mustSmtp(smtpCreateKey(smtpStates.createKey(at(-MIN), "eu-west-1"), { type: "create-key", region: "eu-west-1" }, facts({ newKeys: [orphan] })));
    expect(next.effects).toEqual([
      { type: "set-key-status", userName: NEW_USER, accessKeyId: NEW, status: "Inactive" },
      { type: "delete-key", userName: NEW_USER, accessKeyId: NEW },
      { type: "create-key", userName: NEW_USER, region: "eu-west-1" },
    ]);
    expect(next.audit).toMatch(/secret was never shown/);
  });

  it("refuses a region without SMTP, a used stray key, and a new user deleted outside keyrotate", () => {
    expect(smtpCreateKey(smtpStates.createKey(), { type: "create-key", region: "eu-middle-9" }, facts({ newKeys: [] }))).toMatchObject({ code: "unknown-region" });
    expect(smtpCreateKey(smtpStates.createKey(), { type: "create-key", region: "eu-west-1" }, facts({ newKeys: [smtpKey(NEW)] }))).toMatchObject({ code: "orphan-key-used" });
    expect(smtpCreateKey(smtpStates.createKey(), { type: "create-key", region: "eu-west-1" }, facts({ newKeys: null }))).toMatchObject({ code: "new-user-missing" });
  });

  it("builds the checklist from the confirmed locations once the key is reported", () => {
    const next = mustSmtp(smtpCreateKey(smtpStates.createKey(T0, "eu-west-1"), { type: "key-created", accessKeyId: NEW, createDate: T0 }, facts()));
    expect(next.state).toMatchObject({
      step: "distribute",
      newKeyId: NEW,
      region: "eu-west-1",
      checklist: [
        { locationId: "loc-1", updatedAt: null },
        { locationId: "loc-2", updatedAt: null },
      ],
    });
    expect(smtpCreateKey(smtpStates.createKey(), { type: "key-created", accessKeyId: NEW, createDate: T0 }, facts())).toMatchObject({ ok: false });
    expect(smtpCreateKey(smtpStates.createKey(T0, "eu-west-1"), { type: "key-created", accessKeyId: OLD, createDate: T0 }, facts())).toMatchObject({ code: "invalid-input" });
  });
});

describe("smtpDistribute", () => {
  it("ticks and unticks locations, and finishes only when all are ticked", () => {
    const ticked = mustSmtp(smtpDistribute(smtpStates.distribute(), { type: "mark-location-updated", locationId: "loc-1", note: " PR #7 " }, facts()));
    expect(ticked.state).toMatchObject({ checklist: [{ locationId: "loc-1", updatedAt: T0, note: "PR #7" }, { locationId: "loc-2", updatedAt: null }] });
    expect(smtpDistribute(smtpStates.distribute(["loc-1"]), { type: "finish-distribution" }, facts())).toMatchObject({ code: "checklist-incomplete" });
    const unticked = mustSmtp(smtpDistribute(smtpStates.distribute(["loc-1"]), { type: "unmark-location-updated", locationId: "loc-1" }, facts()));
    expect(unticked.state).toMatchObject({ checklist: [{ updatedAt: null }, { updatedAt: null }] });
    expect(smtpDistribute(smtpStates.distribute(), { type: "mark-location-updated", locationId: "loc-9" }, facts())).toMatchObject({ code: "unknown-location" });
  });

  it("starts watching the cut-over when every location has the new credentials", () => {
    const next = mustSmtp(smtpDistribute(smtpStates.distribute(["loc-1", "loc-2"]), { type: "finish-distribution" }, facts()));
    expect(next.state).toEqual({ ...smtpStates.verify(T0), step: "verify-cutover" });
    expect(next.notice).toMatch(/redeployed/);
  });
});
