// Vitest global setup for the integration projects: one migrated template database per run.
import type { TestProject } from "vitest/node";
import { createTemplate, type TestProvider } from "./database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The template as its owner (`url`) and as the application's role (`appUrl`). */
    templateDatabase: { url: string; appUrl: string };
  }
}

export default async function setup(project: TestProject) {
  const provider = (project.config.env?.KEYROTATE_TEST_PROVIDER ?? "sqlite") as TestProvider;
  const template = await createTemplate(
    provider,
    process.env.KEYROTATE_TEST_POSTGRES_URL,
    process.env.KEYROTATE_TEST_POSTGRES_APP_PASSWORD || undefined,
  );
  project.provide("templateDatabase", { url: template.url, appUrl: template.appUrl });
  return () => template.drop();
}
