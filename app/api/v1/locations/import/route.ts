// The locations CSV upload: previewed (nothing written) or committed (every row or none). A route handler
// rather than a server action, so the upload's size is limited as it streams in.
import { auditActor } from "@/lib/auth/audit-actor.ts";
import { signInConfig } from "@/lib/auth/config.ts";
import { guardedRoute } from "@/lib/auth/gate.ts";
import { appendAudit } from "@/lib/db/audit.ts";
import { httpStatusOf, userMessageOf } from "@/lib/errors.ts";
import { fromThisSite, readTextLimited } from "@/lib/http/request-body.ts";
import { importMessage, toImportReply } from "@/lib/locations/import-reply.ts";
import { importLocationsCsv, MAX_IMPORT_BYTES } from "@/lib/locations/registry.ts";

export const dynamic = "force-dynamic";

const reply = (status: number, body: object) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = guardedRoute("location.import", async (request: Request, _context: unknown, actor) => {
  if (!fromThisSite(request, signInConfig().publicUrl)) return reply(403, { ok: false, message: "Uploads are accepted only from keyrotate's own pages." });
  const commit = new URL(request.url).searchParams.get("commit") === "true";
  const body = await readTextLimited(request, MAX_IMPORT_BYTES);
  if (!body.ok) {
    const message =
      body.reason === "too-large"
        ? `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each.`
        : "The file is not UTF-8 text. Save it as “CSV UTF-8” and choose it again.";
    return reply(body.reason === "too-large" ? 413 : 400, { ok: false, message });
  }
  if (body.text.length === 0) return reply(400, { ok: false, message: "The file is empty." });
  // Previews change nothing and are not audited; an import is, whether it succeeds or not.
  const audit = (result: "ok" | "error", message: string) =>
    commit ? appendAudit({ ...auditActor(actor), action: "location.import", input: { characters: body.text.length }, result, message }) : Promise.resolve();
  try {
    const result = await importLocationsCsv(body.text, { commit, actor: actor.name });
    const message = importMessage(result, commit);
    await audit(result.committed ? "ok" : "error", message);
    return reply(200, { ok: result.errors.length === 0, message, result: toImportReply(result) });
  } catch (error) {
    const message = userMessageOf(error);
    if (message !== (error as Error)?.message) console.error("location import failed", error);
    await audit("error", message);
    // A refusal the domain explains (a file too large, a row someone changed meanwhile) is no server error.
    return reply(httpStatusOf(error), { ok: false, message });
  }
});
