import { describe, expect, it } from "vitest";
import { SMTP_ROTATION_STEPS, SMTP_STEP_EVENTS, isSmtpTerminal, smtpStepLabel } from "./smtp-steps.ts";
import { stepLabel } from "./steps.ts";

const steps = SMTP_ROTATION_STEPS.map((s) => s.step);

describe("SMTP rotation steps", () => {
  it("lists every step once, in runbook order, each with the events it takes", () => {
    expect(steps).toEqual(Object.keys(SMTP_STEP_EVENTS));
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps.indexOf("create-user")).toBeLessThan(steps.indexOf("create-key"));
    expect(steps.indexOf("old-inactive")).toBeLessThan(steps.indexOf("remove-old-user"));
  });

  it("takes no events once finished", () => {
    for (const step of steps) expect(SMTP_STEP_EVENTS[step].length === 0).toBe(isSmtpTerminal(step));
  });

  it("labels its own steps, and the shared stepLabel finds them for lists of either kind", () => {
    expect(smtpStepLabel("remove-old-user")).toBe("Remove old user");
    expect(stepLabel("create-user")).toBe("Create new user");
    expect(stepLabel("create-key")).toBe("Create new key");
  });
});

