"use client";

export default function KeyError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h1 className="font-semibold">This key could not load.</h1>
      <p className="mt-1 text-sm">
        The database may be unreachable. Details are in the server log{digest ? ` (reference ${digest})` : ""}.
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-3 rounded bg-red-700 px-3 py-1 text-sm text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
      >
        Try again
      </button>
    </div>
  );
}
