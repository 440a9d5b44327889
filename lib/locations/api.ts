// What GET /api/v1/locations accepts and answers. Pure.
import type { LocationRecord } from "../db/locations.ts";

export type ApiLocation = Omit<LocationRecord, "iamUserId" | "createdAt" | "updatedAt" | "confirmedAt"> & {
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
};

/** The record without the database's internal user id; dates as ISO 8601. */
export function toApiLocation({ iamUserId: _internal, ...l }: LocationRecord): ApiLocation {
  return { ...l, createdAt: l.createdAt.toISOString(), updatedAt: l.updatedAt.toISOString(), confirmedAt: l.confirmedAt?.toISOString() ?? null };
}

const PARAMS = ["limit", "cursor", "accessKeyId"];

export function parseLocationQuery(params: URLSearchParams): { limit: number; after?: string; accessKeyId?: string } | { error: string } {
  const unknown = [...params.keys()].filter((k) => !PARAMS.includes(k));
  if (unknown.length) return { error: `Unknown query parameter ${unknown.join(", ")}. Parameters: ${PARAMS.join(", ")}.` };
  const limitText = params.get("limit") || "100";
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 1000) return { error: "limit: The limit is a whole number from 1 to 1000." };
  const cursor = params.get("cursor") || undefined;
  const after = cursor ? Buffer.from(cursor, "base64url").toString("utf8") : undefined;
  if (cursor && !/^[a-z0-9]{1,64}$/.test(after ?? "")) return { error: "cursor: The cursor is not one this API gave out: start again without it." };
  const accessKeyId = params.get("accessKeyId") || undefined;
  if (accessKeyId && !/^[A-Z0-9]{16,128}$/.test(accessKeyId)) return { error: "accessKeyId: Not an access key id (AKIA… or ASIA…)." };
  return { limit, after, accessKeyId };
}
