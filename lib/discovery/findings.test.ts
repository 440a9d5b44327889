import { describe, expect, it } from "vitest";
import { describeOccurrences } from "./findings.ts";

describe("describeOccurrences", () => {
  it("marks each occurrence known with its user, or unknown, keeping order and exactly the reported fields", () => {
    const at = (accessKeyId: string, identifier: string, line: number) => ({ accessKeyId, identifier, file: "a.yaml", line });
    const found = describeOccurrences(
      [at("AKIAKNOWN00000000001", "x::key", 1), at("AKIAUNKNOWN000000001", "y::key", 2), at("AKIAKNOWN00000000001", "z::key", 3)],
      [{ accessKeyId: "AKIAKNOWN00000000001", userName: "govuk-support" }, { accessKeyId: "AKIAOTHER00000000001", userName: "other" }],
    );
    expect(found).toEqual([
      { accessKeyId: "AKIAKNOWN00000000001", known: true, userName: "govuk-support", identifier: "x::key", file: "a.yaml", line: 1 },
      { accessKeyId: "AKIAUNKNOWN000000001", known: false, userName: null, identifier: "y::key", file: "a.yaml", line: 2 },
      { accessKeyId: "AKIAKNOWN00000000001", known: true, userName: "govuk-support", identifier: "z::key", file: "a.yaml", line: 3 },
    ]);
  });
});
