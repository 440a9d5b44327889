import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AuditRecord } from "../db/audit.ts";
import { KeyrotateError } from "../errors.ts";
import type { Role } from "./roles.ts";

const audit: AuditRecord[] = [];
let role: Role = "admin";
let signedIn = true;
let auditFails = false;
vi.mock("../db/audit.ts", () => ({
  appendAudit: async (r: AuditRecord) => {
    if (auditFails) throw new Error("database is locked");
    audit.push(r);
  },
}));
vi.mock("./actor.ts", () => ({ currentActor: async () => (signedIn ? { name: "Alice", subject: "oidc|alice", role, requestId: "req-1" } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { defineAction } = await import("./action.ts");

function makeAction(run = vi.fn(async (i: { accessKeyId: string }) => ({ id: i.accessKeyId, secret: "s3cr3t" }))) {
  const action = defineAction({
    name: "key.deactivate",
    permission: "key.deactivate",
    input: z.object({ accessKeyId: z.string().min(16, "Access key id is too short") }),
    target: (i) => ({ accessKeyId: i.accessKeyId }),
    run,
    done: (r) => ({ message: `Created ${r.id}.` }),
    reply: (r) => r,
  });
  return { action, run };
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeEach(() => {
  audit.length = 0;
  role = "admin";
  signedIn = true;
  auditFails = false;
});

describe("defineAction", () => {
  it("refuses a caller who is not signed in, runs nothing and writes nothing to the audit trail", async () => {
    signedIn = false;
    const { action, run } = makeAction();
    const state = await action(undefined, form({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA" }));
    expect(state).toEqual({ ok: false, message: expect.stringMatching(/^Sign in first/) });
    expect(run).not.toHaveBeenCalled();
    expect(audit).toEqual([]);
  });

  it("says which permission it needs", () => {
    expect(makeAction().action.permission).toBe("key.deactivate");
  });

  it("refuses a role without the permission, audits the refusal and runs nothing", async () => {
    role = "viewer";
    const { action, run } = makeAction();
    const state = await action(undefined, form({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA" }));
    expect(state).toMatchObject({ ok: false, message: expect.stringContaining("viewer") });
    expect(run).not.toHaveBeenCalled();
    expect(audit).toMatchObject([{ actor: "Alice", actorId: "oidc|alice", actorRole: "viewer", action: "key.deactivate", result: "error" }]);
  });

  it("returns field errors for bad input and changes nothing", async () => {
    const { action, run } = makeAction();
    const state = await action(undefined, form({ accessKeyId: "short" }));
    expect(state.errors).toEqual({ accessKeyId: ["Access key id is too short"] });
    expect(run).not.toHaveBeenCalled();
    expect(audit).toEqual([]);
  });

  it("runs, audits the actor, target and input, and never the reply", async () => {
    const { action } = makeAction();
    const state = await action(undefined, form({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA", $ACTION_ID_x: "" }));
    expect(state).toMatchObject({ ok: true, message: "Created AKIAAAAAAAAAAAAAAAAA.", result: { secret: "s3cr3t" } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: "Alice",
        actorId: "oidc|alice",
        actorRole: "admin",
        requestId: "req-1",
        action: "key.deactivate",
        accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
        result: "ok",
        input: { accessKeyId: "AKIAAAAAAAAAAAAAAAAA" },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain("s3cr3t");
  });

  it("shows a known error's message and audits it", async () => {
    const { action } = makeAction(vi.fn(async () => Promise.reject(new KeyrotateError("rule-violation", "No third key."))));
    const state = await action(undefined, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA" });
    expect(state).toEqual({ ok: false, message: "No third key." });
    expect(audit).toMatchObject([{ result: "error", message: "No third key." }]);
  });

  it("hides an unknown error behind a generic message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const { action } = makeAction(vi.fn(async () => Promise.reject(new Error("connection string postgres://u:pw@h"))));
    const state = await action(undefined, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA" });
    expect(state.message).not.toContain("pw@h");
    expect(state.message).toMatch(/server log/);
    spy.mockRestore();
  });

  it("loads what the action acts on once, for both the audit target and the run", async () => {
    const load = vi.fn(async (i: { accessKeyId: string }) => ({ accountId: "123456789012", userName: "app", accessKeyId: i.accessKeyId }));
    const run = vi.fn(async (_i: unknown, { loaded }: { loaded: { userName: string } }) => `acted on ${loaded.userName}`);
    const action = defineAction({
      name: "key.deactivate",
      permission: "key.deactivate",
      input: z.object({ accessKeyId: z.string() }),
      load,
      target: (_i, key) => key ?? {},
      run,
      done: (message) => ({ message }),
    });
    const state = await action(undefined, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA" });
    expect(state).toMatchObject({ ok: true, message: "acted on app" });
    expect(load).toHaveBeenCalledTimes(1);
    expect(audit).toMatchObject([{ action: "key.deactivate", accountId: "123456789012", userName: "app", result: "ok" }]);
  });

  it("audits a failed load against what the input names, and runs nothing", async () => {
    const run = vi.fn(async () => "never");
    const action = defineAction({
      name: "key.delete",
      permission: "key.delete",
      input: z.object({ accessKeyId: z.string() }),
      load: async (): Promise<{ userName: string }> => Promise.reject(new KeyrotateError("not-found", "No live key.")),
      target: (i, key) => (key ? { userName: key.userName } : { accessKeyId: i.accessKeyId }),
      run,
    });
    expect(await action(undefined, { accessKeyId: "AKIAAAAAAAAAAAAAAAAB" })).toEqual({ ok: false, message: "No live key." });
    expect(run).not.toHaveBeenCalled();
    expect(audit).toMatchObject([{ action: "key.delete", accessKeyId: "AKIAAAAAAAAAAAAAAAAB", result: "error", message: "No live key." }]);
  });

  it("reports what the domain did even when the audit write after it fails, and logs it", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    auditFails = true;
    const { action } = makeAction();
    const state = await action(undefined, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA" });
    expect(state).toMatchObject({ ok: true, result: { secret: "s3cr3t" }, message: expect.stringMatching(/^Created AKIAAAAAAAAAAAAAAAAA\. \(The audit trail could not record this/) });
    expect(spy).toHaveBeenCalledWith("key.deactivate: done, but not audited", expect.any(Error));
    spy.mockRestore();
  });
});
