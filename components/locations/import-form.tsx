"use client";
// Upload a locations CSV: the browser reads the file, the server previews it (nothing written), and
// only a preview without problems offers the import, which sends the same text again to be committed.
import { startTransition, useActionState, useId, useRef, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/auth/action.ts";
import type { ImportReply } from "@/lib/locations/import-reply.ts";
import { primaryButton, secondaryButton } from "../ui/button.ts";
import { controlClass } from "../ui/field.tsx";
import { IDLE } from "../ui/use-form-action.ts";
import { ImportPreview, ImportProblems } from "./import-preview.tsx";

type Command = { text: string; commit: boolean } | null;

const UPLOAD_FAILED = "The upload did not reach the server, or the server refused its size. Try again, or split the file into smaller ones.";

const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/** The file's text, or why it cannot be imported; checked here so a too-large file never leaves the browser. */
async function readCsv(file: File | undefined, maxBytes: number): Promise<{ text: string } | { problem: string }> {
  if (!file) return { problem: "Choose a CSV file first." };
  if (file.size > maxBytes) {
    return { problem: `The file is larger than ${megabytes(maxBytes)}. Split it into smaller files and import each.` };
  }
  if (file.size === 0) return { problem: "The file is empty." };
  try {
    // Strict, so a spreadsheet's Windows-1252 "CSV" is refused instead of imported with mangled letters.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { problem: "The file is not UTF-8 text. Save it as “CSV UTF-8” and choose it again." };
  }
}

export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState("");
  const [committing, setCommitting] = useState(false);
  const [state, dispatch, pending] = useActionState(async (_prev: ActionState<ImportReply>, command: Command): Promise<ActionState<ImportReply>> => {
    if (!command) return IDLE;
    try {
      const response = await fetch(`/api/v1/locations/import?commit=${command.commit}`, {
        method: "POST",
        headers: { "content-type": "text/csv; charset=utf-8" },
        body: command.text,
      });
      const answer = (await response.json()) as ActionState<ImportReply>;
      return { ok: answer.ok, message: answer.message, result: answer.result };
    } catch {
      // The request never got an answer the page can read: the connection dropped, or a proxy refused its size.
      return { ok: false, message: UPLOAD_FAILED };
    }
  }, IDLE);
  const send = (command: Command) => startTransition(() => dispatch(command));
  const reply = state.result;

  async function preview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = await readCsv(fileInput.current?.files?.[0], maxBytes);
    if ("problem" in read) return setProblem(read.problem);
    setProblem("");
    setText(read.text);
    setCommitting(false);
    send({ text: read.text, commit: false });
  }

  function commit() {
    if (!text) return;
    setCommitting(true);
    send({ text, commit: true });
  }

  function fileChanged() {
    setText(null);
    setProblem("");
    send(null);
  }

  const message = problem || (pending ? (committing ? "Importing…" : "Checking the file…") : state.message);
  const bad = problem !== "" || (!pending && !state.ok && state.message !== "") || (reply?.errorCount ?? 0) > 0;
  const canImport = text !== null && reply && !reply.committed && reply.errorCount === 0 && reply.rowCount > 0;

  return (
    <div className="space-y-4">
      <form onSubmit={preview}>
        <label htmlFor={inputId} className="block text-sm font-medium">
          CSV file
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <input
            ref={fileInput}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            onChange={fileChanged}
            aria-describedby={`${inputId}-hint`}
            className={`${controlClass} max-w-sm file:mr-3 file:rounded file:border-0 file:bg-slate-200 file:px-2 file:py-1 dark:file:bg-slate-700 dark:file:text-slate-100`}
          />
          <button type="submit" disabled={pending} className={`${secondaryButton} mt-1`}>
            Preview
          </button>
        </div>
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          UTF-8, up to {megabytes(maxBytes)}.
        </p>
      </form>
      <p aria-live="polite" className={`text-sm ${bad ? "text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}>
        {message}
      </p>
      {reply && <ImportProblems reply={reply} />}
      {canImport && (
        <button type="button" onClick={commit} disabled={pending} className={primaryButton}>
          Import {reply.rowCount} {reply.rowCount === 1 ? "row" : "rows"}
        </button>
      )}
      {reply && <ImportPreview reply={reply} />}
    </div>
  );
}
