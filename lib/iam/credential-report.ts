// The IAM credential report: one CSV with every user's two access-key slots, fetched in two or three
// calls instead of ListAccessKeys + GetAccessKeyLastUsed per user. It has no key ids, so slots are
// matched to the keys the database already holds by creation time; anything it cannot vouch for sends
// the caller back to ListAccessKeys for that user.
//
// Freshness: AWS reuses a report generated in the last 4 hours (Generate answers COMPLETE at once and
// Get returns the old report with its old GeneratedTime). A report says nothing about changes after
// its `generatedTime`: callers must treat those as unknown (users and keys created since are missing,
// statuses and last use may be stale). moto fixes GeneratedTime at 2015-02-02 and rebuilds the report
// on every Get, so the emulator always looks old yet is always current.
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import Papa from "papaparse";
import { KeyrotateError } from "../errors.ts";
import { toIamError } from "./errors.ts";
import type { KeyLastUsed, KeyStatus } from "./types.ts";

export type KeySlot = {
  active: boolean;
  lastRotated: Date | null;
  lastUsedDate: Date | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
};

export type CredentialReportRow = {
  userName: string;
  arn: string;
  userCreationTime: Date;
  /** Slot 1 and slot 2. Deleting key 1 moves key 2 into slot 1: never read a slot number as identity. */
  keys: [KeySlot, KeySlot];
};

export type CredentialReport = { generatedTime: Date; rows: CredentialReportRow[]; calls: number };

export type KnownKey = { accessKeyId: string; createDate: Date; status: KeyStatus };

export type SlotMatch =
  | { kind: "same"; keys: { accessKeyId: string; slot: KeySlot }[] }
  | { kind: "changed"; reason: string }
  | { kind: "ambiguous"; reason: string };

/** Last use as the report tells it; `complete` is false when a used key lacks its service. */
export type ReportLastUsed = KeyLastUsed & { complete: boolean };

// Words IAM writes where a value is absent: never used, not applicable, or not tracked.
const ABSENT = new Set(["", "n/a", "not_supported", "no_information"]);
const ROOT_ROW = "<root_account>";

function unreadable(detail: string): KeyrotateError {
  return new KeyrotateError("internal", `The IAM credential report could not be read: ${detail}.`);
}

function text(value: string | undefined): string | null {
  const v = value?.trim() ?? "";
  return ABSENT.has(v.toLowerCase()) ? null : v;
}

function date(value: string | undefined, column: string): Date | null {
  const v = text(value);
  if (v === null) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw unreadable(`${column} is not a date (${JSON.stringify(v)})`);
  return d;
}

function slot(record: Record<string, string>, n: 1 | 2): KeySlot {
  const col = (suffix: string) => `access_key_${n}_${suffix}`;
  return {
    active: record[col("active")]?.trim().toLowerCase() === "true",
    lastRotated: date(record[col("last_rotated")], col("last_rotated")),
    lastUsedDate: date(record[col("last_used_date")], col("last_used_date")),
    lastUsedRegion: text(record[col("last_used_region")]),
    lastUsedService: text(record[col("last_used_service")]),
  };
}

const SLOT_COLUMNS = ["active", "last_rotated", "last_used_date", "last_used_region", "last_used_service"];
const REQUIRED = ["user", "arn", "user_creation_time", ...[1, 2].flatMap((n) => SLOT_COLUMNS.map((c) => `access_key_${n}_${c}`))];

/** Rows of a credential report CSV, read by column name (AWS has added columns before). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim(),
  });
  const columns = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw unreadable(`missing column(s) ${missing.join(", ")}`);
  const rows: CredentialReportRow[] = [];
  for (const record of parsed.data) {
    const userName = record.user?.trim();
    if (!userName || userName === ROOT_ROW) continue;
    const created = date(record.user_creation_time, "user_creation_time");
    if (!created) throw unreadable(`user ${userName} has no creation time`);
    rows.push({ userName, arn: record.arn.trim(), userCreationTime: created, keys: [slot(record, 1), slot(record, 2)] });
  }
  return rows;
}

/** A slot that holds a key: IAM writes `false` and N/A for an empty slot. */
export function slotHoldsKey(s: KeySlot): boolean {
  return s.active || s.lastRotated !== null;
}

const second = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Whether the report agrees with the keys the database holds for this user. "same" lists which slot is
 * which key (for lastUsedFromSlot). "changed" and "ambiguous" both mean: call ListAccessKeys for this
 * user; after saving what it returns, matching again against the fresh keys usually gives "same" and so
 * the last use without GetAccessKeyLastUsed.
 */
export function matchReportSlots(row: CredentialReportRow, known: KnownKey[]): SlotMatch {
  const seconds = known.map((k) => second(k.createDate));
  if (new Set(seconds).size < seconds.length) {
    return { kind: "ambiguous", reason: `${row.userName} has two keys created in the same second` };
  }
  const present = row.keys.filter(slotHoldsKey);
  if (present.some((s) => s.lastRotated === null)) {
    return { kind: "ambiguous", reason: `${row.userName} has a key slot without a creation time` };
  }
  if (present.length === 2 && second(present[0].lastRotated!) === second(present[1].lastRotated!)) {
    return { kind: "ambiguous", reason: `${row.userName}'s two report slots were created in the same second` };
  }
  const matched: { accessKeyId: string; slot: KeySlot }[] = [];
  for (const s of present) {
    const key = known.find((k) => second(k.createDate) === second(s.lastRotated!));
    if (!key) {
      return { kind: "changed", reason: `${row.userName} has a key created ${s.lastRotated!.toISOString()} that is not known` };
    }
    const status: KeyStatus = s.active ? "Active" : "Inactive";
    if (status !== key.status) {
      return { kind: "changed", reason: `${key.accessKeyId} is ${status} in IAM, ${key.status} in the database` };
    }
    matched.push({ accessKeyId: key.accessKeyId, slot: s });
  }
  const gone = known.filter((k) => !matched.some((m) => m.accessKeyId === k.accessKeyId));
  if (gone.length > 0) {
    return { kind: "changed", reason: `${gone.map((k) => k.accessKeyId).join(", ")} no longer in the report` };
  }
  return { kind: "same", keys: matched };
}

/** A matched key's last use from its slot. moto writes `not_supported` for service and region. */
export function lastUsedFromSlot(s: KeySlot): ReportLastUsed {
  if (!s.lastUsedDate) return { lastUsedDate: null, service: null, region: null, complete: true };
  // Region may be N/A for a used key (global services such as IAM itself), service never is.
  return { lastUsedDate: s.lastUsedDate, service: s.lastUsedService, region: s.lastUsedRegion, complete: s.lastUsedService !== null };
}

/**
 * Whether GetAccessKeyLastUsed is worth a call: only when the report's last-use date differs from the
 * stored one (to the second) and the report lacks the service. An unchanged date keeps the stored
 * service and region.
 */
export function needsLastUsedCall(fromReport: ReportLastUsed, stored: { lastUsedDate: Date | null }): boolean {
  if (fromReport.complete) return false;
  const was = stored.lastUsedDate ? second(stored.lastUsedDate) : null;
  return was !== second(fromReport.lastUsedDate!);
}

export type FetchOptions = {
  sleep?: (ms: number) => Promise<void>;
  /** Give up once this long has been spent (waiting or wall clock, whichever is larger). */
  maxWaitMs?: number;
  /** The longest wait between polls; the first waits are shorter (a report of a small account is ready in well under a second). */
  pollMs?: number;
};

const REPORT_ERRORS: Record<string, "in-progress" | "regenerate"> = {
  ReportInProgress: "in-progress",
  CredentialReportNotReadyException: "in-progress",
  ReportNotPresent: "regenerate",
  CredentialReportNotPresentException: "regenerate",
  ReportExpired: "regenerate",
  CredentialReportExpiredException: "regenerate",
};

function reportError(error: unknown): "in-progress" | "regenerate" | undefined {
  const e = error as { name?: string; Code?: string };
  return (e?.Code && REPORT_ERRORS[e.Code]) || (e?.name ? REPORT_ERRORS[e.name] : undefined);
}

/**
 * Generates (or reuses) the credential report and reads it. `calls` counts `send` calls made here; the
 * SDK's own retries inside one call are not included. The report may be up to 4 hours old on AWS: see
 * the top of this file.
 */
export async function fetchCredentialReport(iam: IAMClient, opts: FetchOptions = {}): Promise<CredentialReport> {
  const { sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), maxWaitMs = 120_000, pollMs = 2_000 } = opts;
  const started = Date.now();
  let waited = 0;
  let calls = 0;
  let regenerations = 0;
  let polls = 0;
  const elapsed = () => Math.max(waited, Date.now() - started);
  async function wait(why: string) {
    if (elapsed() >= maxWaitMs) {
      throw new KeyrotateError(
        "internal",
        `AWS did not finish the IAM credential report within ${Math.round(maxWaitMs / 1000)} s (${why}). Try the sync again later.`,
      );
    }
    const ms = Math.min(pollMs, 250 * 2 ** polls++, maxWaitMs - elapsed());
    await sleep(ms);
    waited += ms;
  }

  let step: "generate" | "get" = "generate";
  for (;;) {
    if (step === "generate") {
      calls++;
      const out = await iam.send(new GenerateCredentialReportCommand({})).catch((error: unknown) => {
        throw toIamError(error, "generating the IAM credential report");
      });
      if (out.State === "COMPLETE") step = "get";
      else await wait(`report ${out.State ?? "state unknown"}`);
      continue;
    }
    calls++;
    try {
      const out = await iam.send(new GetCredentialReportCommand({}));
      if (!out.Content || !out.GeneratedTime) throw unreadable("AWS returned no content or no generation time");
      const csv = new TextDecoder().decode(out.Content);
      return { generatedTime: out.GeneratedTime, rows: parseCredentialReport(csv), calls };
    } catch (error) {
      const kind = reportError(error);
      if (kind === "in-progress") {
        await wait("report in progress");
      } else if (kind === "regenerate") {
        // Generate said COMPLETE yet the report is gone or expired: once is a race, again is a loop.
        if (regenerations++ > 0) await wait("report not present or expired");
        step = "generate";
      } else {
        throw toIamError(error, "reading the IAM credential report");
      }
    }
  }
}
