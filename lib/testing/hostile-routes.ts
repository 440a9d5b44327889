// For each route handler: requests an attacker could send (hostile query strings, path ids, cookies,
// bodies, origins), and what a clean answer to each looks like. The CSV import's bodies always hold at
// least one bad row (or come from elsewhere, or are no text at all), so every one must be refused whole.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { LOCATION_KINDS } from "../locations/schema.ts";
import { LOCATIONS_CSV_HEADER } from "../locations/csv.ts";
import type { Actor } from "../auth/roles.ts";
import { FLOW_COOKIE } from "../auth/sign-in.ts";
import { loadAppModule } from "./app-surface.ts";
import type { HostileFixture } from "./hostile-actions.ts";
import { anyNastyText, CONTROL_UNICODE, HTML, nastyButPrintable, overlong, SQL, unknownKeyId, wrongShapeKeyId } from "./hostile-values.ts";

export const SITE = "http://127.0.0.1:3000";

export type RouteCall = { path: string; query: [string, string][]; method: string; headers: Record<string, string>; body?: string | Uint8Array; params?: Record<string, string> };
export type Verdict = "rejected" | "accepted";
export type RouteTarget = {
  actor: Actor | null;
  runs: number;
  /** Some inputs are served, and leave an audit record (a sign-in): compared without the audit's successes. */
  mayAccept?: true;
  call: fc.Arbitrary<RouteCall>;
  /** Asserts the answer is clean and says whether the input was refused or served. */
  judge: (response: Response, body: string) => Promise<Verdict> | Verdict;
};

/** As a browser would put it in a URL or a cookie: percent-encoded UTF-8 (a lone surrogate becomes U+FFFD). */
const urlEncoded = (s: string) => encodeURIComponent(s.toWellFormed());
const call = (c: Partial<RouteCall> & { path: string }): RouteCall => ({ query: [], method: "GET", headers: {}, ...c });
const hostileQuery = fc.array(fc.tuple(fc.constantFrom("next", "q", "accountId", "__proto__", "commit", "rotationId", "<x>"), anyNastyText), { maxLength: 3 });

/** A refusal a person can read: a 4xx with a message, never a stack or a database's words. */
export function expectCleanRefusal(response: Response, body: string, statuses: number[]): Verdict {
  expect(statuses, body.slice(0, 300)).toContain(response.status);
  const json = JSON.parse(body) as { message?: unknown; error?: unknown };
  const message = json.message ?? json.error;
  expect(message, body.slice(0, 300)).toEqual(expect.any(String));
  expectReadable(String(message));
  return "rejected";
}

export function expectReadable(message: string): void {
  expect(message.trim().length, "a message").toBeGreaterThan(0);
  expect(message).not.toMatch(/Something went wrong|\bat \/|node_modules|prisma|invalid byte sequence|SQLITE_|TypeError|undefined/i);
}

/** A redirect that stays on this site (sign-in's answers): refused input is said in `error=` on /signin. */
function expectOnSiteRedirect(response: Response): URL {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") ?? "", SITE);
  expect(location.origin, location.href).toBe(SITE);
  return location;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

type Row = Record<(typeof LOCATIONS_CSV_HEADER)[number], string>;

function importCalls(fx: HostileFixture): fc.Arbitrary<RouteCall> {
  const owner = fc.constantFrom(
    { access_key_id: fx.homeKey, user_name: "app-user" },
    { access_key_id: fx.homeKey.toLowerCase(), user_name: "" },
    { access_key_id: fx.otherAccountKey, user_name: "prod-app" },
  );
  const text = (good: string) => fc.oneof(fc.constant(good), nastyButPrintable.filter((s) => !/[\r\n]/.test(s)));
  const row: fc.Arbitrary<Row> = fc.record({
    owner,
    kind: fc.constantFrom(...LOCATION_KINDS),
    system: text("govuk-secrets/puppet"),
    environment: text("production"),
    identifier: text("aws_access_key_id"),
    notes: fc.oneof(fc.constant(""), nastyButPrintable, fc.constant("line one\nline two")),
  }).map(({ owner: o, ...r }) => ({ ...o, ...r }));
  // A row no import may accept, for one reason each.
  const badRow: fc.Arbitrary<Row> = fc.tuple(row, fc.nat(9), fc.oneof(wrongShapeKeyId, unknownKeyId), fc.oneof(overlong, fc.constantFrom(...CONTROL_UNICODE, ""))).map(([r, reason, key, bad]) => {
    switch (reason) {
      case 0: return { ...r, access_key_id: key, user_name: "" };
      case 1: return { ...r, access_key_id: fx.protectedKey, user_name: fx.protectedUser };
      case 2: return { ...r, access_key_id: fx.homeKey, user_name: "prod-app" };
      case 3: return { ...r, access_key_id: "", user_name: "" };
      case 4: return { ...r, access_key_id: "", user_name: "ghost-user" };
      case 5: return { ...r, kind: "spreadsheet" };
      case 6: return { ...r, system: bad };
      case 7: return { ...r, identifier: bad };
      case 8: return { ...r, environment: bad === "" ? "x".repeat(51) : bad };
      default: return { ...r, notes: bad === "" ? "n".repeat(2001) : bad };
    }
  });
  const csv = fc.tuple(fc.array(row, { maxLength: 4 }), badRow, fc.nat(4), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.boolean()).map(([rows, bad, at, eol, bom, shuffled]) => {
    const header = shuffled ? [...LOCATIONS_CSV_HEADER].reverse() : [...LOCATIONS_CSV_HEADER];
    const all = [...rows.slice(0, at), bad, ...rows.slice(at)];
    return `${bom ? "\uFEFF" : ""}${[header.join(","), ...all.map((r) => header.map((h) => csvCell(r[h])).join(","))].join(eol)}${eol}`;
  });
  // Files broken as a whole: a header that is not ours, a quote never closed, a row wider than the header.
  const brokenCsv = fc.constantFrom(
    "access_key_id,kind\nAKIAIOSFODNN7EXAMPLE,other\n",
    `${LOCATIONS_CSV_HEADER.join(",")},${LOCATIONS_CSV_HEADER[0]}\n`,
    `<script>,${SQL[0]}\n1,2\n`,
    `${LOCATIONS_CSV_HEADER.join(",")}\n${fx.homeKey},app-user,other,"never closed,production,x,\n`,
    `${LOCATIONS_CSV_HEADER.join(",")}\n${fx.homeKey},app-user,other,s,production,x,,extra,columns\n`,
    "\u0000\u0000\u0000",
    "\n\n\n",
  );
  const goodCsv = row.map((r) => `${LOCATIONS_CSV_HEADER.join(",")}\n${LOCATIONS_CSV_HEADER.map((h) => csvCell(r[h])).join(",")}\n`);
  const commit = fc.constantFrom("true", "false", "TRUE", "1", "<script>");
  const post = (body: string | Uint8Array, origin: string | null, commitValue: string, extra: Record<string, string> = {}) =>
    call({ path: "/api/v1/locations/import", method: "POST", query: [["commit", commitValue]], body, headers: { ...(origin === null ? {} : { origin }), "content-type": "text/csv", ...extra } });
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(csv, commit).map(([body, c]) => post(body, SITE, c)) },
    { weight: 2, arbitrary: fc.tuple(brokenCsv, commit).map(([body, c]) => post(body, SITE, c)) },
    // A good file from another site's page, or with no Origin at all (curl, a form elsewhere).
    { weight: 2, arbitrary: fc.tuple(goodCsv, fc.constantFrom(null, "null", "http://evil.example", `${SITE}.evil.example`, "http://localhost:3000"), commit).map(([body, o, c]) => post(body, o, c)) },
    {
      weight: 1,
      arbitrary: fc.tuple(goodCsv, commit).chain(([good, c]) =>
        fc.constantFrom(
          post(new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1]), SITE, c),
          post("", SITE, c),
          post(good, SITE, c, { "content-length": String(6 * 1024 * 1024) }),
          post(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61), SITE, c),
        ),
      ),
    },
  );
}

export function routeTargets(fx: HostileFixture): Record<string, RouteTarget> {
  const cuidLike = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: 25, maxLength: 25 }).map((s) => `c${s}`);
  const badRotationId = fc.oneof(cuidLike, fc.constantFrom("", "..", "../rotations", "x".repeat(129), ...SQL, ...HTML, ...CONTROL_UNICODE), overlong, anyNastyText);
  const next = fc.oneof(fc.constantFrom("//evil.example", "/.//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/%2F%2Fevil.example", "/\n/evil.example", " //evil.example", "/keys?x=<script>"), overlong, anyNastyText);
  const auditValue = fc.oneof(nastyButPrintable, anyNastyText, overlong, fc.constantFrom("2026-13-45", "0000-00-00", "9999-99-99", "2026-02-30", "2026-12-01", "-271821-04-19"));
  const readOnly = (path: string): RouteTarget => ({
    actor: fx.rotator,
    runs: 15,
    // No input to refuse: the hostile query string is ignored and the answer is the ordinary one.
    call: hostileQuery.map((query) => call({ path, query })),
    judge: (response) => {
      expect(response.status).toBe(200);
      return "accepted";
    },
  });
  const cutover = (path: (id: string) => string, ids: fc.Arbitrary<string>): RouteTarget => ({
    actor: fx.rotator,
    runs: 50,
    call: fc.tuple(ids, hostileQuery).map(([rotationId, query]) => call({ path: path(rotationId), query, params: { rotationId } })),
    judge: (response, body) => expectCleanRefusal(response, body, [404]),
  });
  return {
    "api/v1/audit/export/route.ts#GET": {
      actor: fx.rotator,
      runs: 60,
      call: fc.array(fc.tuple(fc.constantFrom("person", "actor", "key", "action", "from", "to", "page"), auditValue), { minLength: 1, maxLength: 4 }).map((query) => call({ path: "/api/v1/audit/export", query })),
      // A filter that is text is a search (served, maybe empty); a date that is no date is refused.
      judge: (response, body) => (response.status === 200 ? "accepted" : expectCleanRefusal(response, body, [400])),
    },
    "api/v1/locations/export/route.ts#GET": readOnly("/api/v1/locations/export"),
    "api/v1/locations/import/route.ts#POST": {
      actor: fx.rotator,
      runs: 150,
      call: importCalls(fx),
      judge: (response, body) => {
        if (response.status !== 200) return expectCleanRefusal(response, body, [400, 403, 413]);
        const json = JSON.parse(body) as { ok: boolean; message: string; result?: { errors: unknown[] } };
        expect(json.ok, body.slice(0, 300)).toBe(false);
        expectReadable(json.message);
        return "rejected";
      },
    },
    // A scan reads any text and writes nothing: text is served (its findings are ids and names only), the
    // rest (another site, no text, too large, not UTF-8) is refused.
    "api/v1/locations/discover/route.ts#POST": {
      actor: fx.rotator,
      runs: 60,
      mayAccept: true,
      call: fc
        .tuple(
          fc.oneof(anyNastyText, overlong, fc.constantFrom(...SQL, ...HTML, `aws_access_key_id: ${fx.homeKey}\naws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`, "", "   "), fc.constant(new Uint8Array([0xff, 0xfe, 0xc3, 0x28]))),
          fc.option(anyNastyText.map(urlEncoded), { nil: undefined }),
          fc.constantFrom<string | null>(SITE, SITE, null, "http://evil.example", `${SITE}.evil.example`),
        )
        .map(([body, file, origin]) =>
          call({ path: "/api/v1/locations/discover", method: "POST", query: file === undefined ? [] : [["file", file]], body, headers: { ...(origin === null ? {} : { origin }), "content-type": "text/plain" } }),
        ),
      judge: (response, body) => {
        if (response.status !== 200) return expectCleanRefusal(response, body, [400, 403, 413]);
        const json = JSON.parse(body) as { ok: boolean; message: string };
        expect(json.ok, body.slice(0, 300)).toBe(true);
        expectReadable(json.message);
        expect(body).not.toContain("wJalrXUtnFEMI");
        return "accepted";
      },
    },
    "api/v1/rotations/[rotationId]/cutover/route.ts#GET": cutover((id) => `/api/v1/rotations/${urlEncoded(id)}/cutover`, badRotationId),
    "api/v1/sync/status/route.ts#GET": readOnly("/api/v1/sync/status"),
    "api/v1/smtp-rotations/[rotationId]/cutover/route.ts#GET": cutover((id) => `/api/v1/smtp-rotations/${urlEncoded(id)}/cutover`, fc.oneof(badRotationId, fc.constant(fx.rotationId))),
    "auth/login/route.ts#GET": {
      actor: null,
      runs: 40,
      call: fc.tuple(next, hostileQuery).map(([n, query]) => call({ path: "/auth/login", query: [["next", n], ...query] })),
      // The provider is unreachable here: every start ends on the sign-in page, never elsewhere.
      judge: (response) => {
        expectOnSiteRedirect(response);
        return "rejected";
      },
    },
    "auth/callback/route.ts#GET": {
      actor: null,
      runs: 40,
      call: fc
        .tuple(
          fc.array(fc.tuple(fc.constantFrom("code", "state", "error", "iss", "session_state"), anyNastyText), { maxLength: 4 }),
          fc.oneof(
            fc.constant(undefined),
            anyNastyText.map(urlEncoded),
            fc.record({ codeVerifier: anyNastyText, state: anyNastyText, nonce: anyNastyText, next }).map((f) => Buffer.from(JSON.stringify(f)).toString("base64url")),
            fc.constantFrom("null", "e30", Buffer.from("[1,2]").toString("base64url"), Buffer.from('{"next":{"a":1}}').toString("base64url")),
          ),
        )
        .map(([query, flow]) => call({ path: "/auth/callback", query, headers: flow === undefined ? {} : { cookie: `${FLOW_COOKIE}=${flow}` } })),
      judge: (response) => {
        expect(expectOnSiteRedirect(response).searchParams.get("error")).toMatch(/^(expired|failed|cancelled)$/);
        return "rejected";
      },
    },
    "auth/demo/route.ts#POST": demoTarget(next),
    "auth/signout/route.ts#POST": {
      actor: null,
      runs: 30,
      call: fc
        .oneof(anyNastyText, overlong, fc.constant("a".repeat(64)), cuidLike)
        .map((token) => call({ path: "/auth/signout", method: "POST", headers: { cookie: `keyrotate-session=${urlEncoded(token)}`, origin: SITE } })),
      // No such session: nothing ends, and the browser lands on the sign-in page.
      judge: (response) => {
        expectOnSiteRedirect(response);
        return "rejected";
      },
    },
  };
}

function demoTarget(next: fc.Arbitrary<string>): RouteTarget {
  const roles = fc.constantFrom("viewer", "rotator", "admin");
  const badName = fc.oneof(fc.constantFrom("", "   ", "<script>alert(1)</script>", "a".repeat(61), ...CONTROL_UNICODE), overlong);
  const badRole = fc.oneof(fc.constantFrom("", "superuser", "ADMIN", "admin ", "__proto__", ...SQL), overlong);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (body: string | Uint8Array, type: string) => call({ path: "/auth/demo", method: "POST", body, headers: { "content-type": type, origin: SITE } });
  return {
    actor: null,
    runs: 60,
    mayAccept: true,
    call: fc.oneof(
      // A real demo sign-in with a hostile place to go next: it signs in, and lands on this site.
      fc.tuple(fc.constantFrom("Eve Example", "Ève 🔑", "O'Brien; DROP TABLE"), roles, next).map(([name, role, n]) => post(form({ name, role, next: n }), "application/x-www-form-urlencoded")),
      fc.tuple(badName, roles, next).map(([name, role, n]) => post(form({ name, role, next: n }), "application/x-www-form-urlencoded")),
      fc.tuple(nastyButPrintable, badRole).map(([name, role]) => post(form({ name, role }), "application/x-www-form-urlencoded")),
      // Bodies that are no form at all.
      fc.constantFrom(
        post('{"name":"Eve","role":"admin"}', "application/json"),
        post("--boundary\r\nbroken", "multipart/form-data; boundary=boundary"),
        post(new Uint8Array([0xff, 0xfe, 0xfd]), "application/x-www-form-urlencoded"),
        post("name=Eve&role=admin", "text/plain"),
      ),
    ),
    judge: async (response) => {
      const location = expectOnSiteRedirect(response);
      if (location.pathname === "/signin") {
        expect(location.searchParams.get("error")).toBe("demo-input");
        return "rejected";
      }
      // Signed in: sign out again, so the next input meets the same world.
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith("keyrotate-session="))!.split(";")[0];
      const signout = (await loadAppModule("auth/signout/route.ts")).POST as (r: NextRequest) => Promise<Response>;
      expect((await signout(new NextRequest(`${SITE}/auth/signout`, { method: "POST", headers: { cookie, origin: SITE } }))).status).toBe(303);
      return "accepted";
    },
  };
}
