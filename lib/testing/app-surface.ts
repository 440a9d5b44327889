// Every way into the app from a browser, with the permission each needs: the server actions (every
// "use server" export), the route handlers and the pages. One list for the tests that walk them all (the
// authorization matrix, hostile input): each checks that the list is the app's, so a new action, route
// or page missing here fails them both.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Permission } from "../auth/roles.ts";

export const ACTIONS: Record<string, Permission> = {
  "(dashboard)/keys/actions.ts#deactivateKeyAction": "key.deactivate",
  "(dashboard)/keys/actions.ts#reactivateKeyAction": "key.reactivate",
  "(dashboard)/keys/actions.ts#deleteKeyAction": "key.delete",
  "(dashboard)/locations/actions.ts#addLocation": "location.write",
  "(dashboard)/locations/actions.ts#editLocation": "location.write",
  "(dashboard)/locations/actions.ts#confirmLocation": "location.write",
  "(dashboard)/locations/actions.ts#removeLocation": "location.write",
  "(dashboard)/rotations/actions.ts#startRotationAction": "rotation.advance",
  "(dashboard)/rotations/actions.ts#advanceRotationAction": "rotation.advance",
  "(dashboard)/rotations/actions.ts#retryStoreWriteAction": "rotation.advance",
  "(dashboard)/smtp-rotations/actions.ts#startSmtpRotationAction": "rotation.advance",
  "(dashboard)/smtp-rotations/actions.ts#advanceSmtpRotationAction": "rotation.advance",
  "(dashboard)/sync/actions.ts#syncNow": "inventory.sync",
  "(dashboard)/accounts/actions.ts#addAccountAction": "accounts.manage",
  "(dashboard)/accounts/actions.ts#removeAccountAction": "accounts.manage",
  "(dashboard)/owners/actions.ts#setOwnerAction": "owners.write",
  "(dashboard)/keys/usage-actions.ts#findKeyUsageAction": "inventory.read",
  "(dashboard)/locations/import/actions.ts#recordDiscoveryAction": "location.write",
  "(dashboard)/tokens/actions.ts#createTokenAction": "tokens.manage",
  "(dashboard)/tokens/actions.ts#revokeTokenAction": "tokens.manage",
  "(dashboard)/exemptions/actions.ts#exemptKeyAction": "exemptions.manage",
  "(dashboard)/exemptions/actions.ts#endExemptionAction": "exemptions.manage",
};

export const ROUTES: Record<string, Permission | "public"> = {
  "api/v1/audit/export/route.ts#GET": "audit.read",
  "api/v1/keys/route.ts#GET": "inventory.read",
  "api/v1/keys/export/route.ts#GET": "inventory.read",
  "api/v1/locations/route.ts#GET": "locations.read",
  "api/v1/locations/export/route.ts#GET": "locations.read",
  "api/v1/locations/import/route.ts#POST": "location.import",
  "api/v1/locations/discover/route.ts#POST": "location.import",
  "api/v1/rotations/[rotationId]/cutover/route.ts#GET": "inventory.read",
  "api/v1/sync/status/route.ts#GET": "inventory.read",
  "api/v1/smtp-rotations/[rotationId]/cutover/route.ts#GET": "inventory.read",
  "auth/login/route.ts#GET": "public",
  "auth/callback/route.ts#GET": "public",
  "auth/demo/route.ts#POST": "public",
  "auth/signout/route.ts#POST": "public",
};

export const PAGES: Record<string, Permission | "public"> = {
  "(dashboard)/page.tsx": "inventory.read",
  "(dashboard)/keys/[accessKeyId]/page.tsx": "inventory.read",
  "(dashboard)/rotations/[rotationId]/page.tsx": "inventory.read",
  "(dashboard)/smtp-rotations/[rotationId]/page.tsx": "inventory.read",
  "(dashboard)/search/page.tsx": "locations.read",
  "(dashboard)/locations/import/page.tsx": "location.import",
  "(dashboard)/audit/page.tsx": "audit.read",
  "(dashboard)/accounts/page.tsx": "inventory.read",
  "(dashboard)/compliance/page.tsx": "inventory.read",
  "(dashboard)/reminders/page.tsx": "inventory.read",
  "(dashboard)/locations/gaps/page.tsx": "locations.read",
  "(dashboard)/tokens/page.tsx": "tokens.manage",
  "signin/page.tsx": "public",
};

export const APP_DIR = resolve(import.meta.dirname, "../../app");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(APP_DIR, path)];
  });
}

const all = () => files(APP_DIR).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
export const serverModules = () => all().filter((f) => /^\s*["']use server["']/.test(readFileSync(join(APP_DIR, f), "utf8")));
export const routeModules = () => all().filter((f) => /(^|\/)route\.ts$/.test(f));
export const pageModules = () => all().filter((f) => /(^|\/)page\.tsx$/.test(f));

/** Imports a module of app/ by its path relative to app/ (inside Vitest, with its mocks applied). */
export const loadAppModule = (f: string) => import(/* @vite-ignore */ join(APP_DIR, f)) as Promise<Record<string, unknown>>;

/** "file#export" of every server action the app exports, as the lists above spell them. */
export async function foundActions(): Promise<string[]> {
  const found: string[] = [];
  for (const f of serverModules()) for (const name of Object.keys(await loadAppModule(f))) found.push(`${f}#${name}`);
  return found.sort();
}

/** "file#METHOD" of every route handler the app exports. */
export async function foundRoutes(): Promise<string[]> {
  const found: string[] = [];
  for (const f of routeModules()) {
    for (const [name, value] of Object.entries(await loadAppModule(f))) if (typeof value === "function" && /^[A-Z]+$/.test(name)) found.push(`${f}#${name}`);
  }
  return found.sort();
}
