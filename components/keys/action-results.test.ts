import { describe, expect, it } from "vitest";
import { newSecretOf, rotationIdOf } from "./action-results.ts";

describe("newSecretOf", () => {
  const secret = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s3cr3t", userName: "alice" };

  it("reads a created key and drops anything else the reply carried", () => {
    expect(newSecretOf({ ...secret, extra: 1 })).toEqual(secret);
  });

  it.each([undefined, null, "AKIA", {}, { ...secret, secretAccessKey: "" }, { ...secret, userName: 7 }])(
    "refuses %j",
    (result) => {
      expect(newSecretOf(result)).toBeNull();
    },
  );
});

describe("rotationIdOf", () => {
  it("reads the started rotation's id", () => {
    expect(rotationIdOf({ rotationId: "rot_1" })).toBe("rot_1");
  });

  it.each([undefined, null, {}, { rotationId: "" }, { rotationId: 3 }])("refuses %j", (result) => {
    expect(rotationIdOf(result)).toBeNull();
  });
});
