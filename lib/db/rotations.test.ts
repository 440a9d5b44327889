import { describe, expect, it } from "vitest";
import { states } from "../testing/rotation-fixtures.ts";
import { smtpStates } from "../testing/smtp-rotation-fixtures.ts";
import type { SmtpRotationState } from "../rotation/rules/smtp.ts";
import { deserializeState, keyIds, rotationPath, serializeState } from "./rotations.ts";

describe("rotation state storage", () => {
  it("brings every step's state back from JSON with its dates as Dates", () => {
    const samples = [...Object.values(states).map((make) => make()), states.create(new Date("2025-03-01T10:00:00Z")), states.distribute(["loc-1"])];
    for (const state of samples) {
      const back = deserializeState(serializeState(state));
      expect(back).toEqual(state);
    }
  });

  it("does the same for every SMTP user rotation step, removal records included", () => {
    const removed = [{ step: { kind: "delete-access-key" as const, accessKeyId: "AKIAOLDSMTP000000001" }, outcome: "done" as const, at: new Date("2025-03-01T10:00:00Z") }];
    const samples: SmtpRotationState[] = [...Object.values(smtpStates).map((make) => make()), smtpStates.removing(removed), smtpStates.createUser("mailer.20250301", new Date())];
    for (const state of samples) expect(deserializeState<SmtpRotationState>(serializeState(state))).toEqual(state);
  });

  it("leaves strings that only look like dates alone unless they are whole ISO timestamps", () => {
    const state = { ...states.cancelled(), reason: "2025-03-01 outage" };
    expect(deserializeState(serializeState(state))).toEqual(state);
  });

  it("indexes the old and new key of either kind, and links each kind to its page", () => {
    expect(keyIds(states.distribute())).toEqual({ oldKeyId: "AKIAOLD0000000000001", newKeyId: "AKIANEW0000000000002" });
    expect(keyIds(smtpStates.confirm())).toEqual({ oldKeyId: "AKIAOLDSMTP000000001", newKeyId: null });
    expect(keyIds(smtpStates.distribute())).toEqual({ oldKeyId: "AKIAOLDSMTP000000001", newKeyId: "AKIANEWSMTP000000002" });
    expect(rotationPath({ id: "r1", kind: "key" })).toBe("/rotations/r1");
    expect(rotationPath({ id: "r2", kind: "smtp-user" })).toBe("/smtp-rotations/r2");
  });
});
