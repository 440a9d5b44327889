import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { KeyrotateError } from "../errors.ts";
import { fetchCredentialReport, parseCredentialReport } from "./credential-report.ts";

// The header moto 5.2.1 writes (22 columns), copied from a real GetCredentialReport.
const MOTO_HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
const MOTO_CSV = [
  MOTO_HEADER,
  "no-keys,arn:aws:iam::123456789012:user/no-keys,2026-12-01T08:42:19+00:00,false,not_supported,2026-12-01T08:42:19+00:00,not_supported,false,false,N/A,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A",
  "two-keys,arn:aws:iam::123456789012:user/two-keys,2026-12-01T08:42:19+00:00,false,not_supported,2026-12-01T08:42:19+00:00,not_supported,false,true,2026-11-01T10:00:00+00:00,2026-11-30T09:15:00+00:00,not_supported,not_supported,false,2026-12-01T08:42:19+00:00,N/A,not_supported,not_supported,false,N/A,false,N/A",
  "",
].join("\n");

const encode = (s: string) => new TextEncoder().encode(s);
const meta = { $metadata: {} };

type Answer = { command: string; reply: object | Error };

/** A fake IAMClient answering a fixed script, in order; any other call fails the test. */
function scriptedIam(script: Answer[]) {
  const seen: string[] = [];
  const fake = {
    async send(command: object) {
      const name = command.constructor.name;
      seen.push(name);
      const next = script.shift();
      if (!next || next.command !== name) throw new Error(`unexpected ${name}; expected ${next?.command ?? "no call"}`);
      if (next.reply instanceof Error) throw next.reply;
      return next.reply;
    },
  };
  // The fake implements only `send`, which is all fetchCredentialReport uses.
  return { iam: fake as unknown as IAMClient, seen, left: () => script.length };
}

function sleeps() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const generate = (State: string): Answer => ({ command: "GenerateCredentialReportCommand", reply: { State } });
const report = (GeneratedTime = new Date("2026-12-01T08:00:00Z"), csv = MOTO_CSV): Answer => ({
  command: "GetCredentialReportCommand",
  reply: { Content: encode(csv), GeneratedTime, ReportFormat: "text/csv" },
});
const getFails = (error: Error): Answer => ({ command: "GetCredentialReportCommand", reply: error });

describe("parseCredentialReport", () => {
  it("reads moto's report: N/A and not_supported become null, an empty slot holds no key", () => {
    const rows = parseCredentialReport(MOTO_CSV);
    expect(rows.map((r) => r.userName)).toEqual(["no-keys", "two-keys"]);
    const empty = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
    expect(rows[0]).toEqual({
      userName: "no-keys",
      arn: "arn:aws:iam::123456789012:user/no-keys",
      userCreationTime: new Date("2026-12-01T08:42:19Z"),
      keys: [empty, empty],
    });
    expect(rows[1].keys).toEqual([
      { active: true, lastRotated: new Date("2026-11-01T10:00:00Z"), lastUsedDate: new Date("2026-11-30T09:15:00Z"), lastUsedRegion: null, lastUsedService: null },
      { active: false, lastRotated: new Date("2026-12-01T08:42:19Z"), lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
    ]);
  });

  it("reads columns by name, skips the root account and keeps AWS's service and region", () => {
    // AWS's own order differs from moto's in places and it has a root row; shuffle to prove names matter.
    const header = "arn,user,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region," +
      "access_key_2_last_used_service,user_creation_time,access_key_1_last_used_service,access_key_1_last_used_region," +
      "access_key_1_last_used_date,access_key_1_last_rotated,access_key_1_active,password_last_used";
    const csv = [
      header,
      "arn:aws:iam::123456789012:root,<root_account>,false,N/A,N/A,N/A,N/A,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,N/A,false,no_information",
      "arn:aws:iam::123456789012:user/app,app,TRUE,2026-10-02T00:00:00+00:00,2026-11-01T00:00:00+00:00,N/A,iam,2025-01-01T00:00:00+00:00,s3,eu-west-2,2026-11-30T12:00:00+00:00,2026-09-01T00:00:00+00:00,false,no_information",
    ].join("\r\n");
    const rows = parseCredentialReport(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0].userName).toBe("app");
    expect(rows[0].userCreationTime).toEqual(new Date("2025-01-01T00:00:00Z"));
    expect(rows[0].keys[0]).toEqual({
      active: false,
      lastRotated: new Date("2026-09-01T00:00:00Z"),
      lastUsedDate: new Date("2026-11-30T12:00:00Z"),
      lastUsedRegion: "eu-west-2",
      lastUsedService: "s3",
    });
    expect(rows[0].keys[1]).toMatchObject({ active: true, lastUsedRegion: null, lastUsedService: "iam" });
  });

  it("refuses a report without a column it needs, or with a date it cannot read", () => {
    expect(() => parseCredentialReport(MOTO_HEADER.replace("access_key_2_last_rotated,", "") + "\n")).toThrow(
      /missing column\(s\) access_key_2_last_rotated/,
    );
    const badDate = MOTO_CSV.replace("2026-11-01T10:00:00+00:00", "yesterday");
    expect(() => parseCredentialReport(badDate)).toThrow(KeyrotateError);
    expect(() => parseCredentialReport(badDate)).toThrow(/access_key_1_last_rotated is not a date/);
  });
});

describe("fetchCredentialReport", () => {
  it("polls Generate while the report is being built, then reads it", async () => {
    const { iam, seen, left } = scriptedIam([generate("STARTED"), generate("INPROGRESS"), generate("COMPLETE"), report()]);
    const { waits, sleep } = sleeps();
    const out = await fetchCredentialReport(iam, { sleep, pollMs: 500 });
    expect(seen).toEqual([
      "GenerateCredentialReportCommand",
      "GenerateCredentialReportCommand",
      "GenerateCredentialReportCommand",
      "GetCredentialReportCommand",
    ]);
    // The first waits are short (a small account's report is ready at once), then pollMs at most.
    expect(waits).toEqual([250, 500]);
    expect(out.calls).toBe(4);
    expect(out.rows.map((r) => r.userName)).toEqual(["no-keys", "two-keys"]);
    expect(left()).toBe(0);
  });

  it("waits and asks again when Get says the report is in progress", async () => {
    const notReady = new CredentialReportNotReadyException({ message: "Report in progress", ...meta });
    const { iam, seen } = scriptedIam([generate("COMPLETE"), getFails(notReady), report()]);
    const { waits, sleep } = sleeps();
    const out = await fetchCredentialReport(iam, { sleep, pollMs: 700 });
    expect(seen.slice(1)).toEqual(["GetCredentialReportCommand", "GetCredentialReportCommand"]);
    expect(waits).toEqual([250]);
    expect(out.calls).toBe(3);
  });

  it("generates again when the report is not present", async () => {
    const gone = new CredentialReportNotPresentException({ message: "Credential report not present", ...meta });
    const { iam, seen } = scriptedIam([generate("COMPLETE"), getFails(gone), generate("COMPLETE"), report()]);
    const out = await fetchCredentialReport(iam, sleeps());
    expect(seen.map((s) => s.replace("CredentialReportCommand", ""))).toEqual(["Generate", "Get", "Generate", "Get"]);
    expect(out.calls).toBe(4);
  });

  it("generates a new report when the old one has expired", async () => {
    const expired = new CredentialReportExpiredException({ message: "Report expired", ...meta });
    const fresh = new Date("2026-12-01T09:00:00Z");
    const { iam, left } = scriptedIam([generate("COMPLETE"), getFails(expired), generate("STARTED"), generate("COMPLETE"), report(fresh)]);
    const { waits, sleep } = sleeps();
    const out = await fetchCredentialReport(iam, { sleep, pollMs: 100 });
    expect(out.generatedTime).toEqual(fresh);
    expect(waits).toEqual([100]);
    expect(out.calls).toBe(5);
    expect(left()).toBe(0);
  });

  it("returns a reused report with its old generation time, without waiting", async () => {
    // AWS answers COMPLETE at once when a report from the last 4 hours exists, and Get returns that one.
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000);
    const { iam } = scriptedIam([generate("COMPLETE"), report(threeHoursAgo)]);
    const { waits, sleep } = sleeps();
    const out = await fetchCredentialReport(iam, { sleep });
    expect(out.generatedTime).toEqual(threeHoursAgo);
    expect(out.calls).toBe(2);
    expect(waits).toEqual([]);
  });

  it("gives up with a KeyrotateError once maxWaitMs has been spent waiting", async () => {
    const { iam, seen } = scriptedIam(Array.from({ length: 50 }, () => generate("STARTED")));
    const { waits, sleep } = sleeps();
    const failure = await fetchCredentialReport(iam, { sleep, pollMs: 1_000, maxWaitMs: 4_500 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeyrotateError);
    expect((failure as KeyrotateError).userMessage).toMatch(/did not finish the IAM credential report within 5 s/);
    expect(waits).toEqual([250, 500, 1_000, 1_000, 1_000, 750]);
    expect(seen).toHaveLength(7);
  });

  it("does not spin when Get keeps saying the report is gone", async () => {
    const gone = () => getFails(new CredentialReportNotPresentException({ message: "gone", ...meta }));
    const { iam, seen } = scriptedIam(Array.from({ length: 20 }, () => [generate("COMPLETE"), gone()]).flat());
    const { waits, sleep } = sleeps();
    await expect(fetchCredentialReport(iam, { sleep, pollMs: 1_000, maxWaitMs: 2_000 })).rejects.toThrow(KeyrotateError);
    // first regeneration at once, then one wait before each further one
    expect(waits).toEqual([250, 500, 1_000, 250]);
    expect(seen).toHaveLength(12);
  });

  it("turns other AWS failures into a KeyrotateError a person can act on", async () => {
    const denied = Object.assign(new Error("not allowed"), { name: "AccessDenied" });
    const { iam } = scriptedIam([{ command: "GenerateCredentialReportCommand", reply: denied }]);
    await expect(fetchCredentialReport(iam, sleeps())).rejects.toMatchObject({ code: "iam-access-denied" });
  });
});
