// Discovery from the import page: the uploaded or pasted text is scanned for access key ids, in memory,
// and only ids, names, files and lines are answered. Nothing is written: recording is a separate action.
// A route handler rather than a server action, so the upload's size is limited as it streams in.
import { signInConfig } from "@/lib/auth/config.ts";
import { guardedRoute } from "@/lib/auth/gate.ts";
import { userMessageOf } from "@/lib/errors.ts";
import { lookUpOccurrences } from "@/lib/discovery/record.ts";
import { scanText } from "@/lib/discovery/scan.ts";
import { MAX_UPLOAD_BYTES, uploadLabel } from "@/lib/discovery/upload.ts";
import { fromThisSite, readTextLimited } from "@/lib/http/request-body.ts";

export const dynamic = "force-dynamic";

const reply = (status: number, body: object) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = guardedRoute("location.import", async (request: Request) => {
  if (!fromThisSite(request, signInConfig().publicUrl)) return reply(403, { ok: false, message: "Uploads are accepted only from keyrotate's own pages." });
  const body = await readTextLimited(request, MAX_UPLOAD_BYTES);
  if (!body.ok) {
    const message =
      body.reason === "too-large"
        ? `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it and look at each part.`
        : "The file is not UTF-8 text. Decrypt it first: an encrypted file holds no key ids to find.";
    return reply(body.reason === "too-large" ? 413 : 400, { ok: false, message });
  }
  if (body.text.trim().length === 0) return reply(400, { ok: false, message: "The file is empty." });
  const label = uploadLabel(new URL(request.url).searchParams.get("file"));
  let occurrences;
  try {
    occurrences = scanText(body.text, label);
  } catch {
    // Whatever went wrong may quote the text, which holds secrets: neither logged nor answered.
    return reply(400, { ok: false, message: `Could not read ${label}. Check it is a decrypted YAML, JSON, .env or shell file.` });
  }
  try {
    const findings = await lookUpOccurrences(occurrences);
    const known = findings.filter((f) => f.known).length;
    const message = findings.length === 0 ? `No access key ids in ${label}.` : `${findings.length} occurrence${findings.length === 1 ? "" : "s"} in ${label}, ${known} of known keys.`;
    return reply(200, { ok: true, message, file: label, findings });
  } catch (error) {
    console.error("discovery upload failed", error);
    return reply(500, { ok: false, message: userMessageOf(error) });
  }
});
