// What an attacker (or a careless paste) sends instead of a form's values, as fast-check arbitraries:
// over-long text, the wrong types, awkward unicode, SQL and HTML payloads, access key ids of the wrong
// shape. Shared by the tests that throw them at every action, route and the CSV import.
import fc from "fast-check";

export const SQL = [
  "' OR 1=1 --",
  "'; DROP TABLE \"AccessKey\"; --",
  '" OR ""="',
  "1); DELETE FROM \"Location\" WHERE (1=1",
  "' UNION SELECT id, name FROM \"Session\" --",
  "%' OR '%'='",
  "\\'; SELECT pg_sleep(5); --",
];

export const HTML = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(document.cookie)>",
  '"><svg/onload=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  '=HYPERLINK("http://evil.example","x")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "../../../../etc/passwd",
];

/** Printable but awkward: right-to-left overrides, zero-width joiners, emoji, combining marks, lookalikes. */
export const PRINTABLE_UNICODE = [
  "\u202Egnp.exe",
  "zero\u200Bwidth\u200Djoin",
  "🔑🚀👩‍👩‍👧‍👦",
  "ＡＫＩＡ",
  "Ω≈ç√∫ ありがとう مرحبا",
  "e\u0301\u0301\u0301",
  "𝕬𝖇𝖈",
  "\u00A0\u2003 spaces \u3000",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
];

/** Control characters and NUL: refused by every single-line field (notes allow newline and tab only). */
export const CONTROL_UNICODE = ["\u0000", "nul\u0000inside", "bell\u0007", "esc\u001b[31mred", "del\u007f", "c1\u0085"];

/** UTF-16 no UTF-8 encoder can carry as is: a browser's form sends U+FFFD instead. */
export const BROKEN_UTF16 = ["\uD800lone surrogate", "trail\uDC00", "\uDBFF"];

/** Text a free-text field may legitimately hold (within its length): it must be stored as typed, never run. */
export const nastyButPrintable = fc.oneof(fc.constantFrom(...SQL, ...HTML, ...PRINTABLE_UNICODE), fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }));

export const anyNastyText = fc.oneof(nastyButPrintable, fc.constantFrom(...CONTROL_UNICODE, ...BROKEN_UTF16, "cr\rlf\n"), fc.string({ unit: "binary", maxLength: 30 }));

/** Longer than any field allows (10k–40k characters), built by repetition: fast to generate. */
export const overlong = fc
  .tuple(fc.constantFrom("a", "é", "🔑", "' OR 1=1 --", "<script>", "\u200B", "AKIA"), fc.integer({ min: 10_001, max: 40_000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)));

/** Access key ids no key can have: wrong length, alphabet or characters. */
export const wrongShapeKeyId = fc.oneof(
  fc.constantFrom(
    "AKIA",
    "AKIA123",
    "akia-iosf-odnn7-example",
    "AKIA IOSFODNN7EXAMPLE",
    "AKIAIOSFODNN7EXAMPL€",
    "A".repeat(129),
    "AKIAIOSFODNN7EXAMPLE\u0000",
    "ＡＫＩＡＩＯＳＦＯＤＮＮ７ＥＸＡＭＰＬＥ",
    "../AKIAIOSFODNN7EXAMPLE",
    "AKIAIOSFODNN7EXAMPLE' OR 1=1 --",
    "<script>AKIAIOSFODNN7EXAMPLE",
    "",
    "   ",
  ),
  overlong,
  fc.string({ unit: "binary", maxLength: 15 }),
);

/** Well-shaped ids of keys that exist nowhere. */
export const unknownKeyId = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), minLength: 16, maxLength: 16 }).map((s) => `AKIAZZ${s}`);

/** How the values travel: a browser's FormData (strings and files), or a plain object (any JSON-ish value). */
export type Encoding = "form" | "object";

/** A value of the wrong type, as each encoding can carry one. */
export function wrongType(encoding: Encoding): fc.Arbitrary<unknown> {
  if (encoding === "form") {
    return fc.oneof(
      fc.constant(new File(["AKIAIOSFODNN7EXAMPLE"], "key.txt", { type: "text/plain" })),
      fc.array(fc.constantFrom("a", "AKIAIOSFODNN7EXAMPLE", "production"), { minLength: 2, maxLength: 3 }),
    );
  }
  return fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    fc.constant(new Date(0)),
    fc.constant({ toString: () => "AKIAIOSFODNN7EXAMPLE" }),
  );
}

/** Fields a form never has, added to the payload: names that upset careless object handling. */
export const extraFields = fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "accountId", "actor", "role", "$ACTION_KEY", "id", "version"), anyNastyText, { maxKeys: 3 });

/** The payload an action receives, from field values as the chosen encoding carries them. */
export function encode(encoding: Encoding, fields: Record<string, unknown>): FormData | Record<string, unknown> {
  if (encoding === "object") return fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v instanceof Blob ? v : String(v));
  }
  return form;
}

/** Whole payloads of the wrong type: what a hand-made server action call can send instead of a form. */
export const wrongPayload = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant(new Blob(["x"])),
);
