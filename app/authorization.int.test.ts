// The authorization matrix: every exported server action (every "use server" export), every route handler
// and every page, called directly as nobody, a viewer, a rotator and an admin. A new action, route or page
// without a policy in lib/testing/app-surface.ts, or one whose policy is removed, fails this test.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Actor, Role } from "@/lib/auth/roles.ts";
import { PERMISSIONS, can } from "@/lib/auth/roles.ts";
import { ACTIONS, foundActions, foundRoutes, loadAppModule as load, pageModules, PAGES, ROUTES } from "@/lib/testing/app-surface.ts";
import { setupEmulator } from "@/lib/testing/emulator.ts";
import { setupFreshDatabase } from "@/lib/testing/use-database.ts";

let who: Actor | null = null;
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/actor.ts", () => ({ REQUEST_ID_HEADER: "x-request-id", currentActor: async () => who }));

setupEmulator();
setupFreshDatabase();

const people: Record<Role, Actor> = {
  viewer: { name: "Vic Viewer", subject: "oidc:vic", role: "viewer" },
  rotator: { name: "Pat Poweruser", subject: "oidc:pat", role: "rotator" },
  admin: { name: "Ada Admin", subject: "oidc:ada", role: "admin" },
};
const callers: [string, Actor | null][] = [["nobody", null], ...Object.entries(people)];

describe("every server action", () => {
  it("is listed with its policy in lib/testing/app-surface.ts, and each listed one exists", async () => {
    expect(await foundActions()).toEqual(Object.keys(ACTIONS).sort());
  });

  it.each(Object.entries(ACTIONS))("%s refuses whoever its policy (%s) refuses", async (id, permission) => {
    const [file, name] = id.split("#");
    const action = (await load(file))[name] as ((prev: unknown, payload: FormData) => Promise<{ ok: boolean; message: string }>) & { permission?: string };
    expect(action.permission, "built with defineAction, which declares its permission").toBe(permission);
    for (const [label, actor] of callers) {
      who = actor;
      const state = await action(undefined, new FormData());
      if (!actor) expect(state, label).toMatchObject({ ok: false, message: expect.stringMatching(/^Sign in first/) });
      else if (!can(actor.role, permission)) expect(state, label).toMatchObject({ ok: false, message: expect.stringMatching(/may not do this/) });
      else expect(state.message, label).not.toMatch(/Sign in first|may not do this/);
    }
  });
});

describe("every route handler", () => {
  it("is listed with its policy in lib/testing/app-surface.ts, and each listed one exists", async () => {
    expect(await foundRoutes()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))("%s answers whoever its policy (%s) allows, and only them", async (id, permission) => {
    const [file, method] = id.split("#");
    const handler = (await load(file))[method] as ((req: NextRequest, ctx: unknown) => Promise<Response>) & { permission?: string };
    expect(handler.permission, "wrapped in guardedRoute or publicRoute").toBe(permission);
    const context = { params: Promise.resolve({ rotationId: "no-such-rotation" }) };
    for (const [label, actor] of callers) {
      who = actor;
      const response = await handler(new NextRequest("http://127.0.0.1/x", { method, headers: { origin: "http://127.0.0.1", host: "127.0.0.1" } }), context);
      const body = await response.text();
      if (permission === "public") expect([401, 403], label).not.toContain(response.status);
      else if (!actor) expect(response.status, label).toBe(401);
      else if (!can(actor.role, permission)) expect([response.status, body], label).toEqual([403, expect.stringMatching(/may not do this/)]);
      else expect([401, 403], `${label}: ${body.slice(0, 200)}`).not.toContain(response.status);
    }
  });
});

describe("every page", () => {
  it("is listed with its policy in lib/testing/app-surface.ts", () => {
    expect(pageModules().sort()).toEqual(Object.keys(PAGES).sort());
    for (const p of Object.values(PAGES)) if (p !== "public") expect(Object.keys(PERMISSIONS)).toContain(p);
  });

  it.each(Object.entries(PAGES).filter(([, p]) => p !== "public"))("%s sends nobody to sign-in", async (file) => {
    who = null;
    const Page = (await load(file)).default as (props: unknown) => Promise<unknown>;
    const props = { params: Promise.resolve({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA", rotationId: "x" }), searchParams: Promise.resolve({}) };
    await expect(Page(props)).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin\?next=/) });
  });
});
