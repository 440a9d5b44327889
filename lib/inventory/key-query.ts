// The inventory's filters (the dashboard table's q, flag, status and account), its one order, and
// cursor paging: shared by `keyrotate keys`, the exports and GET /api/v1/keys so they list the same keys
// in the same order. Pure.
import { z } from "zod";
import { FLAG_FILTERS, type Flag } from "./flags.ts";
import type { KeyRow } from "./key-rows.ts";

// An empty query parameter (?flag=) means no filter, as an empty select does in the table.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const keyFilterSchema = z.object({
  q: optional(z.string().trim().max(200, "The search text is at most 200 characters.")),
  flag: optional(z.enum(FLAG_FILTERS, { message: `Unknown flag. Flags: ${FLAG_FILTERS.join(", ")}.` })),
  status: optional(z.enum(["Active", "Inactive"], { message: "The status is Active or Inactive." })),
  account: optional(z.string().trim().max(100, "The account is a name or a 12-digit id.")),
  owner: optional(z.string().trim().max(100, "The owner is a team name of at most 100 characters.")),
  // As the dashboard writes it (noOwner=1): keys whose user has no owning team.
  noOwner: optional(z.enum(["1", "true"], { message: "noOwner is 1 (or true), or absent." }).transform(() => true)),
});

export type KeyFilter = z.output<typeof keyFilterSchema>;

/** The row fields every consumer outside the table sees: exactly KeyRow, whatever else the row carries. */
export function publicKeyRow(row: KeyRow): KeyRow {
  return {
    accountId: row.accountId,
    accountName: row.accountName,
    userName: row.userName,
    accessKeyId: row.accessKeyId,
    status: row.status,
    createDate: row.createDate,
    ageDays: row.ageDays,
    lastUsedDate: row.lastUsedDate,
    lastUsedService: row.lastUsedService,
    lastUsedRegion: row.lastUsedRegion,
    flags: [...row.flags],
    exemptions: row.exemptions.map((e) => ({ ...e })),
  };
}

/** A row with its owner's team, as every list outside the table gives it (lib/owners/key-owner.ts withOwner). */
export type OwnedRow = KeyRow & { owner: string | null };

export function matchesKeyFilter(row: OwnedRow, f: KeyFilter): boolean {
  const q = f.q?.toLowerCase();
  const account = row.accountName ?? row.accountId;
  return (
    (!q || row.userName.toLowerCase().includes(q) || row.accessKeyId.toLowerCase().includes(q) || account.toLowerCase().includes(q)) &&
    (!f.flag || (f.flag === "exempted" ? row.exemptions.length > 0 : row.flags.includes(f.flag as Flag))) &&
    (!f.status || row.status === f.status) &&
    // By name, or by id (an account without a name, or a script that knows only the id).
    (!f.account || row.accountName === f.account || row.accountId === f.account) &&
    (f.noOwner ? row.owner === null : !f.owner || row.owner === f.owner)
  );
}

type Position = Pick<KeyRow, "createDate" | "accessKeyId">;

/** Oldest first (largest age first), then by key id: a total order, so a cursor always means one place. */
export function compareKeyRows(a: Position, b: Position): number {
  return a.createDate < b.createDate ? -1 : a.createDate > b.createDate ? 1 : a.accessKeyId < b.accessKeyId ? -1 : a.accessKeyId > b.accessKeyId ? 1 : 0;
}

export function selectKeyRows<R extends OwnedRow>(rows: R[], f: KeyFilter): R[] {
  return rows.filter((r) => matchesKeyFilter(r, f)).sort(compareKeyRows);
}

export const encodeCursor = (p: Position) => Buffer.from(JSON.stringify([p.createDate, p.accessKeyId])).toString("base64url");

export function decodeCursor(cursor: string): Position | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return { createDate: value[0], accessKeyId: value[1] };
  } catch {
    // falls through: not a cursor this API gave out
  }
  return null;
}

export const MAX_PAGE = 1000;

export const pageSchema = z.object({
  limit: optional(z.coerce.number({ message: "The limit is a number." }).int("The limit is a whole number.").min(1, "The limit is at least 1.").max(MAX_PAGE, `The limit is at most ${MAX_PAGE}.`)),
  cursor: optional(z.string().max(500).transform((c, ctx) => decodeCursor(c) ?? (ctx.addIssue({ code: "custom", message: "The cursor is not one this API gave out: start again without it." }), z.NEVER))),
});

/**
 * One page of already selected rows: those after the cursor's place. The cursor holds a key's place in
 * the order, not an offset, so keys added or removed between requests neither repeat nor go missing.
 */
export function pageOf<R extends KeyRow>(sorted: R[], opts: { limit?: number; cursor?: Position | null }): { items: R[]; nextCursor: string | null } {
  const limit = opts.limit ?? 100;
  const start = opts.cursor ? sorted.findIndex((r) => compareKeyRows(r, opts.cursor!) > 0) : 0;
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const more = start >= 0 && start + limit < sorted.length;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]) : null };
}

/** Query parameters to a filter (and, with `paged`, a page), or the message a 400 answer carries. */
export function parseKeyQuery(params: URLSearchParams, opts: { paged: boolean; strict: boolean }) {
  const base = opts.paged ? keyFilterSchema.extend(pageSchema.shape) : keyFilterSchema;
  const known = Object.keys(base.shape);
  const unknown = opts.strict ? [...params.keys()].filter((k) => !known.includes(k)) : [];
  if (unknown.length) return { error: `Unknown query parameter ${unknown.join(", ")}. Parameters: ${known.join(", ")}.` } as const;
  const parsed = base.safeParse(Object.fromEntries(params));
  if (!parsed.success) return { error: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join(" ") } as const;
  const { limit, cursor, ...filter } = parsed.data as KeyFilter & { limit?: number; cursor?: Position };
  return { filter, page: { limit, cursor } } as const;
}
