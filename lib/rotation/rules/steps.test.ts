import { describe, expect, it } from "vitest";
import { ROTATION_STEPS, isTerminal } from "./steps.ts";

describe("ROTATION_STEPS", () => {
  it("lists every step once, in runbook order, with a label and description", () => {
    expect(ROTATION_STEPS.map((s) => s.step)).toEqual([
      "resolve-two-keys",
      "check-usage",
      "confirm-locations",
      "create-key",
      "distribute",
      "verify-cutover",
      "retire",
      "old-inactive",
      "done",
      "cancelled",
    ]);
    for (const info of ROTATION_STEPS) expect(info.label.length * info.description.length).toBeGreaterThan(0);
  });

  it("marks only done and cancelled as terminal", () => {
    expect(ROTATION_STEPS.filter((s) => isTerminal(s.step)).map((s) => s.step)).toEqual(["done", "cancelled"]);
  });
});
