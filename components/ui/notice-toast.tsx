"use client";
// The outcome of an action whose own row may be gone (a deleted key), pinned to the corner until dismissed.
export type Notice = { ok: boolean; message: string };

export function NoticeToast({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
      <div className="fixed right-4 bottom-4 z-10 flex max-w-md items-start gap-3">
        <p
          aria-live="polite"
          className={
            notice
              ? `rounded border px-3 py-2 text-sm shadow ${notice.ok ? "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100" : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"}`
              : "sr-only"
          }
        >
          {notice?.message}
        </p>
        {notice && (
          <button type="button" onClick={onDismiss} className="rounded bg-white px-2 py-1 text-sm shadow dark:bg-slate-800">
            Dismiss
          </button>
        )}
      </div>
  );
}
