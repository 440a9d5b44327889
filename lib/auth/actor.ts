import "server-only";
// Who is acting. Until sign-in exists, everyone is the configured operator with the admin role;
// every caller already goes through this one function, so sign-in changes only this file.
import { env } from "../env.ts";
import type { Actor } from "./roles.ts";

export async function currentActor(): Promise<Actor> {
  return { name: env().KEYROTATE_OPERATOR, role: "admin" };
}
