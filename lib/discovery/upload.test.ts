import { describe, expect, it } from "vitest";
import { discoveredOccurrencesSchema, PASTED_LABEL, uploadLabel } from "./upload.ts";

describe("uploadLabel", () => {
  it("keeps the file's own name, without folders or control characters", () => {
    expect(uploadLabel("staging.yaml")).toBe("staging.yaml");
    expect(uploadLabel("../../hieradata/production.yaml")).toBe("production.yaml");
    expect(uploadLabel("C:\\secrets\\.env")).toBe(".env");
    expect(uploadLabel("bad\nname\u0007.json")).toBe("bad name .json");
    expect(uploadLabel("x".repeat(500))).toHaveLength(200);
  });

  it("names pasted text when there is no usable name", () => {
    expect(uploadLabel(null)).toBe(PASTED_LABEL);
    expect(uploadLabel("   ")).toBe(PASTED_LABEL);
    expect(uploadLabel("folder/")).toBe(PASTED_LABEL);
  });
});

describe("discoveredOccurrencesSchema", () => {
  const one = { accessKeyId: "akiasupport000000001", identifier: "a::b", file: "staging.yaml", line: 2, record: true };

  it("accepts ids and names, normalising the id", () => {
    expect(discoveredOccurrencesSchema.parse([one])).toEqual([{ ...one, accessKeyId: "AKIASUPPORT000000001" }]);
  });

  it("refuses anything that is not an access key id, and extra fields are dropped", () => {
    expect(discoveredOccurrencesSchema.safeParse([{ ...one, accessKeyId: "wJalrXUtnFEMI/K7MDENG" }]).success).toBe(false);
    expect(discoveredOccurrencesSchema.parse([{ ...one, secret: "wJalrXUtnFEMI/K7MDENG" }])[0]).not.toHaveProperty("secret");
  });
});
