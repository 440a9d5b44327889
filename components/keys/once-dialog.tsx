"use client";
// A modal that shows something secret exactly once. What it shows goes to the screen and, when asked,
// the clipboard: never to a URL, storage, the console or an attribute. Leaving always asks first,
// Escape included.
import { createContext, useContext, useId, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { dangerButton, secondaryButton } from "../ui/button.ts";
import { useShowModal } from "./use-modal.ts";

type CopyOutcome = { what: string; ok: boolean };

// Which copy button spoke last: only that one shows its outcome.
const Copied = createContext<{ outcome: CopyOutcome | null; report: (outcome: CopyOutcome) => void }>({ outcome: null, report: () => {} });

const codeBox =
  "block select-all whitespace-pre-wrap break-all rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-950";

type Props = {
  heading: string;
  /** The warning under the heading, e.g. "This secret is shown once…". */
  warning: string;
  /** Asked before leaving, e.g. "Have you stored the secret? It cannot be shown again." */
  question: string;
  onClose: () => void;
  children: ReactNode;
};

export function OnceDialog({ heading, warning, question, onClose, children }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useShowModal(dialogRef);
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const leaving = useRef(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const goBackRef = useRef<HTMLButtonElement>(null);

  function askFirst() {
    flushSync(() => setConfirming(true));
    goBackRef.current?.focus();
  }

  function goBack() {
    flushSync(() => setConfirming(false));
    closeRef.current?.focus();
  }

  function leave() {
    leaving.current = true;
    dialogRef.current?.close();
    onClose();
  }

  // Chrome lets a second Escape close a dialog even though its cancel event was refused; reopen it.
  function onNativeClose() {
    const dialog = dialogRef.current;
    if (leaving.current || !dialog || dialog.open) return;
    dialog.showModal();
    askFirst();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        askFirst();
      }}
      onClose={onNativeClose}
      className="m-auto w-full max-w-2xl rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/60 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {heading}
      </h2>
      <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        {warning}
      </p>
      <Copied.Provider value={{ outcome: copied, report: setCopied }}>
        <div className="mt-4 space-y-4">{children}</div>
      </Copied.Provider>
      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-700">
        {confirming ? (
          <div role="group" aria-labelledby={`${headingId}-confirm`} className="space-y-3">
            <p id={`${headingId}-confirm`} className="font-medium">
              {question}
            </p>
            <div className="flex gap-3">
              <button type="button" onClick={leave} className={dangerButton}>
                Yes, close
              </button>
              <button type="button" ref={goBackRef} onClick={goBack} className={secondaryButton}>
                Go back
              </button>
            </div>
          </div>
        ) : (
          <button type="button" ref={closeRef} onClick={askFirst} className={secondaryButton}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}

/** One value with its copy button; `what` completes "Copy {what}". */
export function CopyBlock({ label, what, text }: { label: string; what: string; text: string }) {
  const copy = useContext(Copied);
  const textRef = useRef<HTMLPreElement>(null);
  const mine = copy.outcome?.what === what ? copy.outcome : null;

  async function onCopy() {
    try {
      // Undefined outside a secure context (plain http on a host other than localhost).
      if (!navigator.clipboard) throw new Error("clipboard unavailable");
      await navigator.clipboard.writeText(text);
      copy.report({ what, ok: true });
    } catch {
      // Select the text so Ctrl+C still works; the error itself may hold nothing useful.
      if (textRef.current) window.getSelection()?.selectAllChildren(textRef.current);
      copy.report({ what, ok: false });
    }
  }

  return (
    <div>
      <p className="text-sm font-medium">{label}</p>
      <pre ref={textRef} className={`${codeBox} mt-1`}>
        {text}
      </pre>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <button type="button" onClick={onCopy} className={secondaryButton}>
          Copy {what}
        </button>
        <span aria-live="polite" className={`text-sm ${mine?.ok === false ? "text-red-700 dark:text-red-300" : "text-green-800 dark:text-green-300"}`}>
          {mine && (mine.ok ? "Copied" : "Copy failed: the browser blocked the clipboard. The text is selected: press Ctrl+C (⌘C on a Mac).")}
        </span>
      </div>
    </div>
  );
}
