import "server-only";
// Who is acting: the person whose session cookie came with this request, or nobody. Every page, route
// handler and server action asks through here (see gate.ts and action.ts).
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { Actor } from "./roles.ts";
import { readSession, sessionCookieName } from "./session.ts";

export const REQUEST_ID_HEADER = "x-request-id";

export const currentActor = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  const session = await readSession(token);
  if (!session) return null;
  const requestId = (await headers()).get(REQUEST_ID_HEADER) ?? randomUUID();
  return { name: session.name, role: session.role, subject: session.subject, requestId };
});
