// In an integration test file: a fresh database of the project's provider for this file.
import { afterAll, beforeAll, inject } from "vitest";
import { cloneTemplate } from "./database.ts";
import { disconnectDb } from "../db/client.ts";

export function setupFreshDatabase(): { url: () => string } {
  let clone: Awaited<ReturnType<typeof cloneTemplate>> | undefined;
  beforeAll(async () => {
    clone = await cloneTemplate(inject("templateDatabaseUrl"));
    process.env.DATABASE_URL = clone.url;
  });
  afterAll(async () => {
    await disconnectDb();
    await clone?.drop();
  });
  return { url: () => clone!.url };
}
