// The audit page's filters, from search params: shared by the page and its CSV export.
import { z } from "zod";
import type { AuditFilter } from "../db/audit.ts";

// A search for a control character or half a surrogate pair finds nothing, and PostgreSQL refuses a NUL outright.
const optional = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
  z
    .string()
    .max(200)
    .regex(/^[^\p{Cc}]*$/u, "Remove the control characters")
    .refine((v) => v.isWellFormed(), "Remove the broken characters")
    .optional(),
);
// A calendar day that exists: 2026-13-45 has the shape but would reach the database as an invalid date.
const isRealDay = (v: string) => {
  const at = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === v;
};
const day = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD").refine(isRealDay, "No such day").optional(),
);

export const auditFilterSchema = z.object({ person: optional, actor: optional, key: optional, action: optional, from: day, to: day });

export type AuditFilterParams = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): {
  params: AuditFilterParams;
  filter: AuditFilter;
  error?: string;
} {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(flat);
  if (!parsed.success) return { params: {}, filter: {}, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const p = parsed.data;
  return {
    params: p,
    filter: {
      actorId: p.person,
      actor: p.actor,
      accessKeyId: p.key?.toUpperCase(),
      action: p.action,
      from: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
      to: p.to ? new Date(`${p.to}T23:59:59.999Z`) : undefined,
    },
  };
}
