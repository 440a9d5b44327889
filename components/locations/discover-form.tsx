"use client";
// Find key ids in a decrypted secrets file, from the import page: the browser sends the file's text (or
// pasted text) to be scanned in memory; only ids and names come back. Known keys are ticked to record.
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import { recordDiscoveryAction } from "@/app/(dashboard)/locations/import/actions.ts";
import type { Finding } from "@/lib/discovery/findings.ts";
import { primaryButton, secondaryButton } from "../ui/button.ts";
import { Field, FormMessage, controlClass } from "../ui/field.tsx";
import { useFormAction } from "../ui/use-form-action.ts";

type Scan = { file: string; findings: Finding[] };
type ScanReply = { ok: boolean; message: string; file?: string; findings?: Finding[] };

const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

async function textToScan(file: File | undefined, pasted: string, maxBytes: number): Promise<{ text: string; name: string | null } | { problem: string }> {
  if (file) {
    if (file.size > maxBytes) return { problem: `The file is larger than ${megabytes(maxBytes)}. Split it and look at each part.` };
    return { text: await file.text(), name: file.name };
  }
  if (pasted.trim()) return { text: pasted, name: null };
  return { problem: "Choose a decrypted file, or paste its text." };
}

export function DiscoverForm({ maxBytes }: { maxBytes: number }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  const [scan, setScan] = useState<Scan | null>(null);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [status, setStatus] = useState({ ok: true, message: "" });
  const [scanning, setScanning] = useState(false);
  const { state: recorded, pending: recording, formRef: recordForm, onSubmit: onRecord } = useFormAction(recordDiscoveryAction);

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setScan(null);
    const read = await textToScan(fileInput.current?.files?.[0], pasteRef.current?.value ?? "", maxBytes);
    if ("problem" in read) return setStatus({ ok: false, message: read.problem });
    setScanning(true);
    setStatus({ ok: true, message: "" });
    try {
      const query = read.name ? `?file=${encodeURIComponent(read.name)}` : "";
      const response = await fetch(`/api/v1/locations/discover${query}`, { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: read.text });
      const answer = (await response.json()) as ScanReply;
      setStatus({ ok: answer.ok, message: answer.message });
      if (answer.ok && answer.findings) {
        setScan({ file: answer.file ?? "", findings: answer.findings });
        setTicked(new Set(answer.findings.flatMap((f, i) => (f.known ? [i] : []))));
      }
    } catch {
      setStatus({ ok: false, message: "The file did not reach the server, or the server refused its size. Try again." });
    } finally {
      setScanning(false);
      // The pasted secrets are not kept on the page once scanned.
      if (pasteRef.current) pasteRef.current.value = "";
    }
  }

  function toggle(i: number) {
    setTicked((now) => {
      const next = new Set(now);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  }

  const occurrences = scan?.findings.map(({ accessKeyId, identifier, file, line }, i) => ({ accessKeyId, identifier, file, line, record: ticked.has(i) }));
  const errors = recorded.errors ?? {};
  return (
    <div className="space-y-4">
      <form onSubmit={find} className="space-y-3">
        <div>
          <label htmlFor={`${ids}-file`} className="block text-sm font-medium">
            Decrypted secrets file
          </label>
          <input
            ref={fileInput}
            id={`${ids}-file`}
            type="file"
            aria-describedby={`${ids}-file-hint`}
            className={`${controlClass} max-w-sm file:mr-3 file:rounded file:border-0 file:bg-slate-200 file:px-2 file:py-1 dark:file:bg-slate-700 dark:file:text-slate-100`}
          />
          <p id={`${ids}-file-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Hieradata (YAML), JSON, .env or shell; UTF-8, up to {megabytes(maxBytes)}. Read in memory and discarded: only key ids and names are kept.
          </p>
        </div>
        <div>
          <label htmlFor={`${ids}-paste`} className="block text-sm font-medium">
            Or paste its text
          </label>
          <textarea ref={pasteRef} id={`${ids}-paste`} rows={4} spellCheck={false} autoComplete="off" className={`${controlClass} font-mono`} />
        </div>
        <button type="submit" disabled={scanning} className={secondaryButton}>
          Find keys
        </button>
      </form>
      <p aria-live="polite" className={`text-sm ${status.ok ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-300"}`}>
        {scanning ? "Looking for keys…" : status.message}
      </p>
      {scan && scan.findings.length > 0 && (
        <form onSubmit={onRecord} ref={recordForm} className="space-y-3">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Access key ids found in {scan.file}</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-1 pr-3">Record</th>
                <th scope="col" className="py-1 pr-3">Access key id</th>
                <th scope="col" className="py-1 pr-3">Key of</th>
                <th scope="col" className="py-1 pr-3">Name</th>
                <th scope="col" className="py-1">Where</th>
              </tr>
            </thead>
            <tbody>
              {scan.findings.map((f, i) => (
                <tr key={`${f.file}:${f.line}:${f.accessKeyId}`} className="border-b border-slate-200 dark:border-slate-800">
                  <td className="py-1 pr-3">
                    {f.known ? (
                      <input type="checkbox" checked={ticked.has(i)} onChange={() => toggle(i)} aria-label={`Record ${f.identifier} for ${f.accessKeyId}`} />
                    ) : (
                      <span className="text-xs text-slate-500 dark:text-slate-400">unknown key</span>
                    )}
                  </td>
                  <td className="py-1 pr-3 font-mono">
                    {f.known ? <Link href={`/keys/${f.accessKeyId}`} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">{f.accessKeyId}</Link> : f.accessKeyId}
                  </td>
                  <td className="py-1 pr-3">{f.userName ?? "—"}</td>
                  <td className="py-1 pr-3 font-mono break-all">{f.identifier}</td>
                  <td className="py-1 font-mono">{f.file}:{f.line}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <input type="hidden" name="occurrences" value={JSON.stringify(occurrences)} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="System" errors={errors.system} hint="Where these files live, e.g. govuk-secrets/puppet.">
              {(p) => <input {...p} name="system" aria-required autoComplete="off" className={controlClass} />}
            </Field>
            <Field label="Environment" errors={errors.environment} hint="The environment they configure, e.g. staging.">
              {(p) => <input {...p} name="environment" aria-required autoComplete="off" className={controlClass} />}
            </Field>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={recording} className={primaryButton}>
              Record {ticked.size} location{ticked.size === 1 ? "" : "s"}
            </button>
            <FormMessage state={recorded} pending={recording} pendingText="Recording…" />
          </div>
        </form>
      )}
    </div>
  );
}
