// What the dashboard shows (filters, sort, page), as it travels in the URL: a reload or a shared link
// opens the same view. Pure, so the page (server) and the table (browser) read and write it alike.
import type { KeyStatus } from "../iam/types.ts";
import { FLAG_FILTERS, type FlagFilter } from "./flags.ts";

export const SORT_KEYS = ["user", "account", "key", "status", "age", "created", "lastUsed", "locations"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZES = [50, 100, 250] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export type KeyView = {
  q: string;
  flag: FlagFilter | null;
  status: KeyStatus | null;
  /** An account id. */
  account: string | null;
  /** An owning team; with noOwner, the keys whose user has no owning team. */
  owner: string | null;
  noOwner: boolean;
  sort: SortKey;
  dir: "asc" | "desc";
  /** From 1. */
  page: number;
  size: PageSize;
};

export const DEFAULT_VIEW: KeyView = { q: "", flag: null, status: null, account: null, owner: null, noOwner: false, sort: "age", dir: "desc", page: 1, size: 50 };

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: Params, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(name) ?? undefined) : params[name];
  return Array.isArray(value) ? value[0] : value;
}

const oneOf = <T extends string>(choices: readonly T[], value: string | undefined): T | null =>
  value !== undefined && (choices as readonly string[]).includes(value) ? (value as T) : null;

/** A hand-edited or stale URL falls back to the default for whatever it gets wrong, rather than failing. */
export function parseKeyView(params: Params): KeyView {
  const page = Number(first(params, "page"));
  const size = Number(first(params, "size"));
  return {
    q: (first(params, "q") ?? "").trim().slice(0, 200),
    flag: oneOf(FLAG_FILTERS, first(params, "flag")),
    status: oneOf(["Active", "Inactive"] as const, first(params, "status")),
    account: /^\d{12}$/.test(first(params, "account") ?? "") ? first(params, "account")! : null,
    owner: (first(params, "owner") ?? "").trim().slice(0, 100) || null,
    noOwner: first(params, "noOwner") === "1",
    sort: oneOf(SORT_KEYS, first(params, "sort")) ?? DEFAULT_VIEW.sort,
    dir: oneOf(["asc", "desc"] as const, first(params, "dir")) ?? DEFAULT_VIEW.dir,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, 1_000_000) : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_VIEW.size,
  };
}

/** Only what differs from the default, so the plain dashboard keeps a plain URL. */
export function keyViewQuery(view: KeyView): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.flag) params.set("flag", view.flag);
  if (view.status) params.set("status", view.status);
  if (view.account) params.set("account", view.account);
  if (view.noOwner) params.set("noOwner", "1");
  else if (view.owner) params.set("owner", view.owner);
  if (view.sort !== DEFAULT_VIEW.sort || view.dir !== DEFAULT_VIEW.dir) {
    params.set("sort", view.sort);
    params.set("dir", view.dir);
  }
  if (view.page !== 1) params.set("page", String(view.page));
  if (view.size !== DEFAULT_VIEW.size) params.set("size", String(view.size));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
