import { describe, expect, it } from "vitest";
import { parseLocationsCsv } from "../locations/csv.ts";
import { locationInputSchema } from "../locations/schema.ts";
import { parseStore, serializeStore, storeFieldsFor } from "./store.ts";

describe("store fields of the kinds keyrotate writes", () => {
  it("defaults the Secrets Manager field names and leaves the account to the key's", () => {
    expect(storeFieldsFor("aws-secrets-manager", { region: "eu-west-2" })).toEqual({
      store: { accountId: null, region: "eu-west-2", idField: "AWS_ACCESS_KEY_ID", secretField: "AWS_SECRET_ACCESS_KEY" },
      issues: [],
    });
  });

  it("says which field is missing or wrong", () => {
    expect(storeFieldsFor("aws-ssm-parameter", { region: "Ireland", storeAccountId: "12" }).issues.map((i) => i.path)).toEqual(["storeAccountId", "region", "secretParameter"]);
    expect(storeFieldsFor("aws-secrets-manager", { region: "eu-west-2", idField: "K", secretField: "K" }).issues).toEqual([{ path: "secretField", message: "Secret field must differ from the key id field" }]);
  });

  it("ignores store fields for kinds people update by hand", () => {
    const parsed = locationInputSchema.parse({ kind: "ci-variable", system: "GitHub", environment: "production", identifier: "AWS_KEY", region: "eu-west-2" });
    expect(parsed).not.toHaveProperty("store");
  });

  it("round-trips through the database column, filling the owner's account", () => {
    const json = serializeStore({ accountId: null, region: "eu-west-2", secretParameter: "/app/secret" }, "123456789012");
    expect(parseStore(json)).toEqual({ accountId: "123456789012", region: "eu-west-2", secretParameter: "/app/secret" });
    expect(parseStore("not json")).toBeNull();
  });

  it("reads the CSV's store columns and reports a missing region by line", () => {
    const header = "access_key_id,user_name,kind,system,environment,identifier,notes,store_account_id,region,id_field,secret_field,secret_parameter";
    const { rows, errors } = parseLocationsCsv(
      [header, ",api,aws-ssm-parameter,worker,production,/app/id,,210987654321,eu-west-2,,,/app/secret", ",api,aws-secrets-manager,api,production,app/aws,,,,,,"].join("\n"),
    );
    expect(rows[0].store).toEqual({ accountId: "210987654321", region: "eu-west-2", secretParameter: "/app/secret" });
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/region: Region must be an AWS region/) }]);
  });
});
