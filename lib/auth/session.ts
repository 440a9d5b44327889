import "server-only";
// Sessions: a random token in an httpOnly, SameSite=Lax cookie (Secure, and named __Host-… over https);
// the database keeps only its SHA-256, with an absolute deadline and an idle timeout.
import { createHash, randomBytes } from "node:crypto";
import { createSession, deleteSession, findSession, touchSession, type SessionRecord } from "../db/sessions.ts";
import { signInConfig, signInConfigured } from "./config.ts";
import { sessionCookieName as cookieName } from "./cookie-names.ts";

// Writing lastSeenAt on every request would turn each page view into a write; a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

export function sessionCookieName(secure = signInConfig().secureCookies): string {
  return cookieName(secure);
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type NewSession = Omit<SessionRecord, "id" | "createdAt" | "lastSeenAt" | "expiresAt">;

/** Stores a session and returns the cookie that carries it. */
export async function startSession(person: NewSession, now = new Date()) {
  const config = signInConfig();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + config.session.maxAgeMs);
  await createSession({ ...person, id: hash(token), createdAt: now, lastSeenAt: now, expiresAt });
  return {
    name: sessionCookieName(config.secureCookies),
    value: token,
    options: { httpOnly: true, secure: config.secureCookies, sameSite: "lax" as const, path: "/", expires: expiresAt },
  };
}

/** The live session a token names, or null when there is none, it expired, or it sat idle too long. */
export async function readSession(token: string, now = new Date()): Promise<SessionRecord | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const session = await findSession(hash(token));
  if (!session) return null;
  // Fail closed: a session outlives neither its way of signing in (demo turned off, OIDC removed) nor sign-in itself.
  const config = signInConfig();
  if (!signInConfigured(config) || (session.provider === "demo" ? !config.demo : !config.oidc)) return null;
  const idleMs = signInConfig().session.idleMs;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > idleMs) {
    await deleteSession(session.id);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(session.id, now);
  return session;
}

/** Ends the session a token names; returns it (for the provider's sign-out), or null. */
export async function endSession(token: string): Promise<SessionRecord | null> {
  return /^[\w-]{20,100}$/.test(token) ? deleteSession(hash(token)) : null;
}
