// Recording discovered places against a real database: known keys only, once, and never touching
// what people already wrote on a location.
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, listLocations } from "../db/locations.ts";
import { findKey } from "../db/keys.ts";
import { KeyrotateError } from "../errors.ts";
import { fakeUser, seedInventory } from "../testing/inventory-fixture.ts";
import { setupFreshDatabase } from "../testing/use-database.ts";
import { lookUpOccurrences, parseDiscoveryPlace, recordDiscoveredLocations } from "./record.ts";
import type { Occurrence } from "./scan.ts";

setupFreshDatabase();

const KEY = "AKIASUPPORT000000001";
const UNKNOWN = "AKIAUNKNOWN000000001";
const place = { system: "govuk-secrets/puppet", environment: "staging" };
const at = (accessKeyId: string, identifier: string, line = 1): Occurrence => ({ accessKeyId, identifier, file: "staging.yaml", line });

beforeAll(async () => {
  await seedInventory([fakeUser("govuk-support", [{ id: KEY }])]);
});

describe("recordDiscoveredLocations", () => {
  it("says which ids are known keys and whose", async () => {
    const found = await lookUpOccurrences([at(KEY, "a"), at(UNKNOWN, "b")]);
    expect(found.map((f) => [f.accessKeyId, f.known, f.userName])).toEqual([
      [KEY, true, "govuk-support"],
      [UNKNOWN, false, null],
    ]);
  });

  it("refuses a name the registry cannot hold before writing anything", async () => {
    const occurrences = [at(KEY, "govuk::fine"), at(KEY, "x".repeat(301), 7)];
    const err = await recordDiscoveredLocations(occurrences, place, "test").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyrotateError);
    expect((err as KeyrotateError).userMessage).toBe(
      "Cannot record the name at staging.yaml:7: Identifier must be 300 characters or fewer. Nothing was recorded.",
    );
    expect(await listLocations()).toEqual([]);
  });

  it("records known keys once per name, skips unknown ones, and leaves existing locations untouched", async () => {
    const owner = (await findKey(KEY))!;
    const noted = await createLocation(
      { accountId: owner.accountId, iamUserId: owner.iamUserId, accessKeyId: KEY },
      { kind: "secrets-repo", ...place, identifier: "govuk::apps::support::aws_access_key_id", notes: "checked by Zoë" },
      "person",
    );
    const occurrences = [
      at(KEY, "govuk::apps::support::aws_access_key_id", 2),
      at(KEY, "govuk::apps::support_api::aws_access_key_id", 4),
      at(KEY, "govuk::apps::support_api::aws_access_key_id", 9),
      at(UNKNOWN, "govuk::apps::other::aws_access_key_id", 6),
    ];
    expect(await recordDiscoveredLocations(occurrences, { ...place, environment: "Staging" }, "cli:me")).toEqual({ created: 1, alreadyRecorded: 1 });
    expect(await recordDiscoveredLocations(occurrences, place, "cli:me")).toEqual({ created: 0, alreadyRecorded: 2 });

    const stored = await listLocations();
    expect(stored.map((l) => [l.identifier, l.environment, l.notes, l.createdBy, l.accessKeyId])).toEqual([
      ["govuk::apps::support::aws_access_key_id", "staging", "checked by Zoë", "person", KEY],
      ["govuk::apps::support_api::aws_access_key_id", "staging", null, "cli:me", KEY],
    ]);
    expect(stored[0].updatedAt).toEqual(noted.updatedAt);
  });

  it("checks --system and --environment by the registry's rules", () => {
    expect(parseDiscoveryPlace({ system: " govuk-secrets ", environment: "Production" })).toEqual({ system: "govuk-secrets", environment: "production" });
    expect(() => parseDiscoveryPlace({ system: "x", environment: "a\nb" })).toThrow("Environment must not contain control characters.");
  });
});
