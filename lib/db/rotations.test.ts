import { describe, expect, it } from "vitest";
import { states } from "../testing/rotation-fixtures.ts";
import { deserializeState, serializeState } from "./rotations.ts";

describe("rotation state storage", () => {
  it("brings every step's state back from JSON with its dates as Dates", () => {
    const samples = [...Object.values(states).map((make) => make()), states.create(new Date("2025-03-01T10:00:00Z")), states.distribute(["loc-1"])];
    for (const state of samples) {
      const back = deserializeState(serializeState(state));
      expect(back).toEqual(state);
    }
  });

  it("leaves strings that only look like dates alone unless they are whole ISO timestamps", () => {
    const state = { ...states.cancelled(), reason: "2025-03-01 outage" };
    expect(deserializeState(serializeState(state))).toEqual(state);
  });
});
