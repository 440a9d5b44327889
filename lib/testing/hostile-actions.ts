// For each server action: payloads that must be refused. Every payload carries at least one poisoned field
// (a value no valid form can hold, or an id the caller may not act on), the other fields are valid or
// hostile-but-printable, so a refusal is owed to the poison and never to luck.
import fc from "fast-check";
import { LOCATION_KINDS } from "../locations/schema.ts";
import type { Actor } from "../auth/roles.ts";
import { BROKEN_UTF16, CONTROL_UNICODE, HTML, encode, extraFields, nastyButPrintable, overlong, SQL, unknownKeyId, wrongPayload, wrongShapeKeyId, wrongType, type Encoding } from "./hostile-values.ts";

/** The world the payloads aim at (seeded by the test). */
export type HostileFixture = {
  homeAccount: string;
  otherAccount: string;
  /** A managed user's key, mid-rotation. */
  homeKey: string;
  /** A key in the other account, whose changes need the admin role. */
  otherAccountKey: string;
  /** A key of a protected user (KEYROTATE_PROTECTED_USERS). */
  protectedKey: string;
  protectedUser: string;
  homeLocation: string;
  otherAccountLocation: string;
  rotationId: string;
  rotationVersion: number;
  rotator: Actor;
  admin: Actor;
};

type Field = { valid?: fc.Arbitrary<unknown>; poison?: (e: Encoding) => fc.Arbitrary<unknown> };
export type ActionTarget = { actor: Actor; runs: number; payload: fc.Arbitrary<unknown>; mayAccept?: true };

const nonNull = (e: Encoding) => wrongType(e).filter((v) => v != null);
const text = (...good: string[]) => fc.oneof(fc.constantFrom(...good), nastyButPrintable);
// Half a surrogate pair survives only a hand-made (object) payload: FormData turns it into U+FFFD.
const broken = (e: Encoding) => (e === "object" ? BROKEN_UTF16 : []);
const badText = (e: Encoding) => fc.oneof(overlong, fc.constantFrom("", "   ", "cr\rinside", ...CONTROL_UNICODE, ...broken(e)), wrongType(e));
const inDays = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const keyVariants = (id: string) => fc.constantFrom(id, id.toLowerCase(), ` ${id} `);

/** One field poisoned (or every field that has no valid value), the others valid or hostile-but-printable. */
function poisoned(fields: Record<string, Field>): fc.Arbitrary<unknown> {
  const names = Object.keys(fields);
  const mustPoison = names.filter((n) => !fields[n].valid);
  const canPoison = names.filter((n) => fields[n].poison && fields[n].valid);
  const forms = fc.constantFrom<Encoding>("form", "object").chain((encoding) =>
    (mustPoison.length ? fc.constant(null) : fc.constantFrom(...canPoison)).chain((chosen) => {
      const values = Object.fromEntries(
        names.map((n) => [n, n === chosen || mustPoison.includes(n) ? fields[n].poison!(encoding) : fields[n].valid!]),
      );
      return fc.tuple(fc.record(values), extraFields).map(([v, extra]) => encode(encoding, { ...extra, ...v }));
    }),
  );
  return fc.oneof({ weight: 9, arbitrary: forms }, { weight: 1, arbitrary: wrongPayload });
}

export function actionTargets(fx: HostileFixture): Record<string, ActionTarget> {
  const cuidLike = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: 25, maxLength: 25 }).map((s) => `c${s}`);
  const badId = (e: Encoding, ...others: string[]) =>
    fc.oneof(cuidLike, fc.constantFrom("", "  ", "x".repeat(129), ...SQL, ...CONTROL_UNICODE, ...broken(e), ...others), overlong, wrongType(e));
  // Ids of keys the caller may not act on: no such key, a protected user's, another account's (needs admin), one mid-rotation.
  const badKey = (e: Encoding) => fc.oneof(wrongShapeKeyId, unknownKeyId, fc.constantFrom(fx.protectedKey, fx.otherAccountKey, fx.homeKey), wrongType(e));
  const location = {
    kind: { valid: fc.constantFrom(...LOCATION_KINDS), poison: (e: Encoding) => fc.oneof(fc.constantFrom("spreadsheet", "SECRETS-REPO", "", " ci-variable", "__proto__"), overlong, wrongType(e)) },
    system: { valid: text("govuk-secrets/puppet"), poison: badText },
    environment: { valid: text("production", "Staging"), poison: badText },
    identifier: { valid: text("govuk::apps::support::aws_access_key_id"), poison: badText },
    notes: { valid: fc.option(fc.oneof(nastyButPrintable, fc.constant("line one\r\nline two\ttab")), { nil: undefined }), poison: (e: Encoding) => fc.oneof(overlong, fc.constantFrom(...CONTROL_UNICODE, ...broken(e)), nonNull(e)) },
  };
  const ofHomeLocation = {
    // The other account's key with the home location (or the reverse) is someone else's location.
    accessKeyId: { valid: keyVariants(fx.homeKey), poison: (e: Encoding) => fc.oneof(badKey(e).filter((k) => k !== fx.homeKey), fc.constant(fx.otherAccountKey)) },
    id: { valid: fc.constant(fx.homeLocation), poison: (e: Encoding) => badId(e, fx.otherAccountLocation) },
  };
  const keyAction = {
    accessKeyId: { poison: badKey },
    overrideReason: { valid: fc.option(nastyButPrintable, { nil: undefined }) },
    proceedWithoutNotice: { valid: fc.constantFrom(undefined, "on", "true", "false", "<script>") },
  };
  const who = {
    accountId: { valid: fc.constantFrom(fx.homeAccount, fx.otherAccount), poison: (e: Encoding) => fc.oneof(fc.constantFrom("12345", "1234567890123", "12345678901a", "999999999999", "", ...SQL), overlong, wrongType(e)) },
    // Every valid pair is refused too: a rotation already runs, the user is protected, lives in the other account, or that account needs an admin.
    userName: { valid: fc.constantFrom("app-user", "prod-app", fx.protectedUser), poison: (e: Encoding) => fc.oneof(fc.constantFrom("ghost-user", "a".repeat(65), "app user", "app-user/../x", ...SQL), overlong, wrongType(e)) },
  };
  const rotationTypes = ["remove-unused-key", "keep-key", "confirm-locations", "create-key", "mark-location-updated", "unmark-location-updated", "finish-distribution", "cutover-confirmed", "send-notification", "skip-notification", "deactivate-old", "reactivate-old", "delete-old", "cancel", "create-user", "remove-old-user"];
  const advance = (rotationId: Field) => ({
    rotationId,
    version: {
      valid: fc.constantFrom(fx.rotationVersion, String(fx.rotationVersion)),
      poison: () => fc.oneof(fc.integer({ min: fx.rotationVersion + 1, max: 2 ** 31 }), fc.constantFrom(-1, 1.5, "abc", "1e400", "0x10", String(fx.rotationVersion + 1))),
    },
    type: { valid: fc.constantFrom(...rotationTypes), poison: (e: Encoding) => fc.oneof(fc.constantFrom("", "CANCEL", "toString", "__proto__", "constructor", ...SQL), overlong, wrongType(e)) },
    accessKeyId: { valid: fc.oneof(fc.constant(fx.homeKey), wrongShapeKeyId, fc.constant(undefined)) },
    locationId: { valid: fc.oneof(fc.constant(fx.homeLocation), fc.constant(fx.otherAccountLocation), fc.constant(undefined)) },
    acknowledgeNoLocations: { valid: fc.constantFrom(undefined, "on", "<b>") },
    reason: { valid: fc.option(fc.oneof(nastyButPrintable, fc.constantFrom(...BROKEN_UTF16, "a\r\nb")), { nil: undefined }) },
    note: { valid: fc.option(nastyButPrintable, { nil: undefined }) },
    overrideReason: { valid: fc.option(nastyButPrintable, { nil: undefined }) },
    region: { valid: fc.constantFrom(undefined, "eu-west-1", "mars-north-1", "<script>") },
  });
  const accountName = (e: Encoding) => fc.oneof(fc.constantFrom("", "-x", "a".repeat(41), "prod uction", "prod/uction", ...SQL), overlong, wrongType(e));
  const otherRole = `arn:aws:iam::${fx.otherAccount}:role/keyrotate`;
  const tokenName = fc.oneof(fc.constantFrom("", "-x", "a".repeat(65), "night ly", "night/ly", ...SQL, ...HTML, ...CONTROL_UNICODE), overlong);
  return {
    "(dashboard)/keys/actions.ts#deactivateKeyAction": { actor: fx.rotator, runs: 60, payload: poisoned(keyAction) },
    "(dashboard)/keys/actions.ts#reactivateKeyAction": { actor: fx.rotator, runs: 40, payload: poisoned({ accessKeyId: keyAction.accessKeyId }) },
    "(dashboard)/keys/actions.ts#deleteKeyAction": { actor: fx.rotator, runs: 60, payload: poisoned(keyAction) },
    // A read: any key of a managed account may be looked up, so only ids no key has are poison.
    "(dashboard)/keys/usage-actions.ts#findKeyUsageAction": {
      actor: fx.rotator,
      runs: 40,
      payload: poisoned({ accessKeyId: { poison: (e) => fc.oneof(wrongShapeKeyId, unknownKeyId, wrongType(e)) } }),
    },
    "(dashboard)/locations/import/actions.ts#recordDiscoveryAction": {
      actor: fx.rotator,
      runs: 60,
      payload: poisoned({
        system: { valid: text("govuk-secrets/puppet"), poison: badText },
        environment: { valid: text("staging"), poison: badText },
        occurrences: {
          valid: fc.constant(JSON.stringify([{ accessKeyId: fx.homeKey, identifier: "govuk::apps::support::aws_access_key_id", file: "staging.yaml", line: 3, record: false }])),
          poison: (e) =>
            fc.oneof(
              fc.constantFrom("", "[]", "{", "null", "[1,2]", JSON.stringify([{ accessKeyId: "AKIA-nope", identifier: "x", file: "f", line: 1, record: true }])),
              fc.tuple(wrongShapeKeyId, fc.oneof(overlong, fc.constantFrom("", ...CONTROL_UNICODE)), fc.constantFrom(0, -1, 1.5)).map(([k, bad, line]) =>
                JSON.stringify([{ accessKeyId: k, identifier: bad, file: bad, line, record: true }]),
              ),
              fc.constant(JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ({ accessKeyId: fx.homeKey, identifier: `x${i}`, file: "f", line: 1, record: true })))),
              wrongType(e),
            ),
        },
      }),
    },
    "(dashboard)/locations/actions.ts#addLocation": {
      actor: fx.rotator,
      runs: 100,
      // The other account's key is fine here (recording a location needs no admin); the protected user's is not.
      payload: poisoned({ accessKeyId: { valid: fc.oneof(keyVariants(fx.homeKey), fc.constant(fx.otherAccountKey)), poison: (e) => badKey(e).filter((k) => k !== fx.homeKey && k !== fx.otherAccountKey) }, ...location }),
    },
    "(dashboard)/locations/actions.ts#editLocation": { actor: fx.rotator, runs: 100, payload: poisoned({ ...ofHomeLocation, ...location }) },
    "(dashboard)/locations/actions.ts#confirmLocation": { actor: fx.rotator, runs: 50, payload: poisoned(ofHomeLocation) },
    "(dashboard)/locations/actions.ts#removeLocation": { actor: fx.rotator, runs: 50, payload: poisoned(ofHomeLocation) },
    "(dashboard)/rotations/actions.ts#startRotationAction": { actor: fx.rotator, runs: 50, payload: poisoned(who) },
    "(dashboard)/rotations/actions.ts#advanceRotationAction": { actor: fx.rotator, runs: 100, payload: poisoned(advance({ valid: fc.constant(fx.rotationId), poison: (e) => badId(e) })) },
    // No location of the fixture rotation is a store keyrotate writes: every valid retry is refused too.
    "(dashboard)/rotations/actions.ts#retryStoreWriteAction": {
      actor: fx.rotator,
      runs: 40,
      payload: poisoned({
        rotationId: { valid: fc.constant(fx.rotationId), poison: (e) => badId(e) },
        locationId: { valid: fc.constantFrom(fx.homeLocation, fx.otherAccountLocation), poison: (e) => badId(e) },
        secretAccessKey: { valid: fc.constant("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), poison: (e) => fc.oneof(fc.constantFrom("", "short", "x".repeat(41), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE!"), overlong, wrongType(e)) },
      }),
    },
    "(dashboard)/smtp-rotations/actions.ts#startSmtpRotationAction": { actor: fx.rotator, runs: 40, payload: poisoned(who) },
    // No SES SMTP user rotation exists: its id is always wrong, the key rotation's included.
    "(dashboard)/smtp-rotations/actions.ts#advanceSmtpRotationAction": { actor: fx.rotator, runs: 50, payload: poisoned(advance({ poison: (e) => badId(e, fx.rotationId) })) },
    // Takes no input: a payload of the wrong type is refused, any form (its fields ignored) starts a sync.
    "(dashboard)/sync/actions.ts#syncNow": {
      actor: fx.rotator,
      runs: 10,
      mayAccept: true,
      payload: fc.oneof(wrongPayload.filter((p) => !(p instanceof Blob)), fc.constantFrom<Encoding>("form", "object").chain((e) => extraFields.map((f) => encode(e, f)))),
    },
    "(dashboard)/accounts/actions.ts#addAccountAction": {
      actor: fx.admin,
      runs: 70,
      payload: fc.oneof(
        poisoned({
          name: { valid: fc.constantFrom("production", "default", "staging"), poison: accountName },
          roleArn: { valid: fc.constantFrom(undefined, "", otherRole), poison: (e) => fc.oneof(fc.constantFrom("not-an-arn", "arn:aws:iam::12345:role/x", `arn:aws:iam::${fx.homeAccount}:user/x`, `${otherRole}\u0000`, ...SQL), overlong, nonNull(e)) },
          externalId: { valid: fc.constantFrom(undefined, "", "kr-e2e"), poison: (e) => fc.oneof(fc.constantFrom("a", "has space", "<script>", ...CONTROL_UNICODE), overlong, nonNull(e)) },
          changeRole: { valid: fc.constantFrom(undefined, "", "rotator", "admin"), poison: (e) => fc.oneof(fc.constantFrom("superuser", "ADMIN", "admin ", "__proto__"), overlong, nonNull(e)) },
        }),
        // Valid fields, refused as a whole: a name already taken by another account, an account already named.
        fc.constantFrom({ name: "staging" }, { name: "production" }, { name: "default", roleArn: otherRole }, { name: "staging", roleArn: otherRole }),
      ),
    },
    // Blank team and contact are valid (they clear the owner): the poison is text no form holds, or a key nobody has.
    "(dashboard)/owners/actions.ts#setOwnerAction": {
      actor: fx.rotator,
      runs: 60,
      payload: poisoned({
        accessKeyId: { valid: keyVariants(fx.homeKey), poison: (e) => badKey(e).filter((k) => k !== fx.homeKey && k !== fx.otherAccountKey && k !== fx.protectedKey) },
        team: { valid: text("payments", ""), poison: (e) => fc.oneof(overlong, fc.constantFrom("cr\rinside", ...CONTROL_UNICODE, ...broken(e)), nonNull(e)) },
        contact: { valid: fc.constantFrom(undefined, "", "owner@example.org"), poison: (e) => fc.oneof(fc.constantFrom("not an address", "a@", "@example.org", "<script>@x", ...SQL), overlong, nonNull(e)) },
      }),
    },
    // An admin may exempt any key (an exemption changes no credential): the poison is a key nobody has, a
    // flag, scope or date no form holds, or a reason too short or unstorable.
    "(dashboard)/exemptions/actions.ts#exemptKeyAction": {
      actor: fx.admin,
      runs: 60,
      payload: poisoned({
        accessKeyId: { valid: keyVariants(fx.homeKey), poison: (e) => fc.oneof(wrongShapeKeyId, unknownKeyId, wrongType(e)) },
        flag: { valid: fc.constantFrom("overdue", "stale"), poison: (e) => fc.oneof(fc.constantFrom("OVERDUE", "overdue ", "__proto__", "exempted", ""), overlong, nonNull(e)) },
        scope: { valid: fc.constantFrom(undefined, "key", "user"), poison: (e) => fc.oneof(fc.constantFrom("account", "KEY", "__proto__", ""), overlong, nonNull(e)) },
        reason: { valid: fc.constantFrom("vendor rotates it", "break-glass; audited <b>"), poison: (e) => fc.oneof(overlong, fc.constantFrom("", "  ", "ab", ...CONTROL_UNICODE, ...broken(e)), nonNull(e)) },
        expiresOn: { valid: fc.constant(inDays(30)), poison: (e) => fc.oneof(fc.constantFrom("2020-01-01", "2027-02-30", "tomorrow", inDays(0), inDays(400), `${inDays(30)}T00:00`), overlong, nonNull(e)) },
      }),
    },
    "(dashboard)/exemptions/actions.ts#endExemptionAction": {
      actor: fx.admin,
      runs: 40,
      // No exemption exists in the fixture: every id, well-formed or not, is refused.
      payload: poisoned({ id: { poison: (e) => badId(e) } }),
    },
    "(dashboard)/accounts/actions.ts#removeAccountAction": {
      actor: fx.admin,
      runs: 40,
      payload: poisoned({ name: { poison: (e) => fc.oneof(accountName(e), fc.constantFrom("staging", "nosuch", "Production2")) } }),
    },
    // No wrong-type values for a token name: a form sends a number as text, which is a valid name.
    "(dashboard)/tokens/actions.ts#createTokenAction": {
      actor: fx.admin,
      runs: 50,
      payload: poisoned({
        name: { valid: fc.constantFrom("nightly-report", "grafana"), poison: () => tokenName },
        role: { valid: fc.constantFrom(undefined, "viewer", "admin"), poison: (e) => fc.oneof(fc.constantFrom("superuser", "ADMIN", "admin ", "__proto__", ""), overlong, nonNull(e)) },
      }),
    },
    "(dashboard)/tokens/actions.ts#revokeTokenAction": {
      actor: fx.admin,
      runs: 40,
      // "nosuch" is a well-formed name no token has: refused, nothing revoked.
      payload: poisoned({ name: { poison: () => fc.oneof(tokenName, fc.constantFrom("nosuch")) } }),
    },
  };
}
