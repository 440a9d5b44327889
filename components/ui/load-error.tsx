"use client";
// What an error boundary shows: what failed, where the details are, and a retry that fetches the page
// from the server again (Next's `retry`; `reset` would only re-render what already failed).
import { dangerButton } from "./button.ts";

type Props = { title: string; cause: string; error: unknown; retry: () => void };

export function LoadError({ title, cause, error, retry }: Props) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h1 className="font-semibold">{title}</h1>
      <p className="mt-1 text-sm">
        {cause} Details are in the server log{digest ? ` (reference ${digest})` : ""}.
      </p>
      <button type="button" onClick={() => retry()} className={`${dangerButton} mt-3`}>
        Try again
      </button>
    </div>
  );
}
