// In an integration test file: a fresh database of the project's provider for this file. The code under
// test connects as the application (DATABASE_URL: on PostgreSQL the app role, which owns nothing);
// `ownerUrl` is for a test that must act as the migration owner.
import { afterAll, beforeAll, inject } from "vitest";
import { cloneTemplate } from "./database.ts";
import { disconnectDb } from "../db/client.ts";

export function setupFreshDatabase(): { url: () => string; ownerUrl: () => string } {
  let clone: Awaited<ReturnType<typeof cloneTemplate>> | undefined;
  beforeAll(async () => {
    clone = await cloneTemplate(inject("templateDatabase"));
    process.env.DATABASE_URL = clone.appUrl;
  });
  afterAll(async () => {
    await disconnectDb();
    await clone?.drop();
  });
  return { url: () => clone!.appUrl, ownerUrl: () => clone!.url };
}
