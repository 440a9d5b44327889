// The credential report against moto: what fetch + parse + matchReportSlots say about each user agrees
// with ListAccessKeys, including the slot shift after deleting a user's first key.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backdateKey } from "../testing/moto/process.ts";
import { setupEmulator, useKey } from "../testing/emulator.ts";
import { startIamProxy } from "../testing/iam-proxy.ts";
import {
  fetchCredentialReport,
  lastUsedFromSlot,
  matchReportSlots,
  needsLastUsedCall,
  type CredentialReportRow,
  type KnownKey,
} from "./credential-report.ts";

const emulator = setupEmulator();
let iam: IAMClient;
const secrets = new Map<string, string>();
const fast = { pollMs: 20 };

beforeAll(() => {
  // No endpoint here: setupEmulator has pointed the SDK's own configuration chain at moto.
  iam = new IAMClient({});
});
afterAll(() => iam.destroy());

async function user(name: string, keys: { createdIso: string; status?: "Inactive" }[]): Promise<string[]> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  const ids: string[] = [];
  for (const k of keys) {
    const out = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    const id = out.AccessKey!.AccessKeyId!;
    secrets.set(id, out.AccessKey!.SecretAccessKey!);
    // Keys created back to back share a second; distinct creation times are what AWS users have.
    await backdateKey(emulator.endpoint(), { accessKeyId: id, createDate: k.createdIso });
    if (k.status) await iam.send(new UpdateAccessKeyCommand({ UserName: name, AccessKeyId: id, Status: k.status }));
    ids.push(id);
  }
  return ids;
}

async function listKeys(name: string): Promise<KnownKey[]> {
  const out = await iam.send(new ListAccessKeysCommand({ UserName: name }));
  return (out.AccessKeyMetadata ?? []).map((k) => ({
    accessKeyId: k.AccessKeyId!,
    createDate: k.CreateDate!,
    status: k.Status === "Inactive" ? "Inactive" : "Active",
  }));
}

function rowOf(rows: CredentialReportRow[], name: string): CredentialReportRow {
  const row = rows.find((r) => r.userName === name);
  if (!row) throw new Error(`${name} is not in the credential report`);
  return row;
}

describe("credential report against moto", () => {
  const names = ["cr-none", "cr-one", "cr-two", "cr-inactive", "cr-shifted"];
  const ids: Record<string, string[]> = {};
  const dbView: Record<string, KnownKey[]> = {};

  beforeAll(async () => {
    ids["cr-none"] = await user("cr-none", []);
    ids["cr-one"] = await user("cr-one", [{ createdIso: "2026-03-01T10:00:00Z" }]);
    ids["cr-two"] = await user("cr-two", [{ createdIso: "2026-04-01T10:00:00Z" }, { createdIso: "2026-11-01T10:00:00Z" }]);
    ids["cr-inactive"] = await user("cr-inactive", [{ createdIso: "2026-05-01T10:00:00Z", status: "Inactive" }]);
    ids["cr-shifted"] = await user("cr-shifted", [{ createdIso: "2026-06-01T10:00:00Z" }, { createdIso: "2026-10-01T10:00:00Z" }]);
    await iam.send(new DeleteAccessKeyCommand({ UserName: "cr-shifted", AccessKeyId: ids["cr-shifted"][0] }));
  });

  it("matches every user's slots to exactly the keys ListAccessKeys returns", async () => {
    const report = await fetchCredentialReport(iam, fast);
    // moto's first Generate answers STARTED: Generate, Generate, Get.
    expect(report.calls).toBe(3);
    expect(report.generatedTime).toEqual(new Date("2015-02-02T20:02:02Z"));
    for (const name of names) {
      dbView[name] = await listKeys(name);
      const match = matchReportSlots(rowOf(report.rows, name), dbView[name]);
      expect(match, name).toMatchObject({ kind: "same" });
      if (match.kind !== "same") continue;
      expect(match.keys.map((k) => k.accessKeyId).sort(), name).toEqual(dbView[name].map((k) => k.accessKeyId).sort());
    }
    expect(dbView["cr-inactive"][0].status).toBe("Inactive");
    // The surviving second key now sits in slot 1, and slot 2 is empty.
    const shifted = rowOf(report.rows, "cr-shifted");
    expect(shifted.keys[0].lastRotated).toEqual(new Date("2026-10-01T10:00:00Z"));
    expect(shifted.keys[1]).toMatchObject({ active: false, lastRotated: null });
  });

  it("reports as changed exactly the users whose keys changed in IAM since the database's view", async () => {
    await iam.send(new UpdateAccessKeyCommand({ UserName: "cr-one", AccessKeyId: ids["cr-one"][0], Status: "Inactive" }));
    await iam.send(new DeleteAccessKeyCommand({ UserName: "cr-shifted", AccessKeyId: ids["cr-shifted"][1] }));
    await user("cr-none-extra", []);
    await iam.send(new CreateAccessKeyCommand({ UserName: "cr-none" }));

    const report = await fetchCredentialReport(iam, fast);
    expect(report.calls).toBe(2);
    const kinds = Object.fromEntries(names.map((n) => [n, matchReportSlots(rowOf(report.rows, n), dbView[n]).kind]));
    expect(kinds).toEqual({ "cr-none": "changed", "cr-one": "changed", "cr-two": "same", "cr-inactive": "same", "cr-shifted": "changed" });
    expect(rowOf(report.rows, "cr-none-extra").keys.every((s) => !s.active && s.lastRotated === null)).toBe(true);
  });

  it("shows a new last use by date only, so GetAccessKeyLastUsed is needed for that key alone", async () => {
    const [older, newer] = ids["cr-two"];
    await useKey(emulator.endpoint(), newer, secrets.get(newer)!);
    const report = await fetchCredentialReport(iam, fast);
    const match = matchReportSlots(rowOf(report.rows, "cr-two"), dbView["cr-two"]);
    if (match.kind !== "same") throw new Error(`expected same, got ${match.kind}: ${match.reason}`);
    const stored = { lastUsedDate: null };
    const need = match.keys.filter((k) => needsLastUsedCall(lastUsedFromSlot(k.slot), stored)).map((k) => k.accessKeyId);
    expect(need).toEqual([newer]);
    expect(need).not.toContain(older);
    const used = lastUsedFromSlot(match.keys.find((k) => k.accessKeyId === newer)!.slot);
    const truth = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: newer }));
    expect(Math.floor(used.lastUsedDate!.getTime() / 1000)).toBe(Math.floor(truth.AccessKeyLastUsed!.LastUsedDate!.getTime() / 1000));
    expect(truth.AccessKeyLastUsed!.ServiceName).toBe("sts");
  });

  it("counts in `calls` exactly the HTTP requests it makes", async () => {
    const proxy = await startIamProxy({ target: emulator.endpoint() });
    const viaProxy = new IAMClient({ endpoint: proxy.endpoint, maxAttempts: 1 });
    try {
      const report = await fetchCredentialReport(viaProxy, fast);
      expect(report.calls).toBe(proxy.stats().requests);
      expect(proxy.stats().byAction).toEqual({ GenerateCredentialReport: 1, GetCredentialReport: 1 });
    } finally {
      viaProxy.destroy();
      await proxy.stop();
    }
  });
});
