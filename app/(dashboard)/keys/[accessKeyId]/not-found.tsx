import Link from "next/link";

export default function KeyNotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">Key not found</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No live key has that id. It may have been deleted in IAM, or the inventory may need a sync.
      </p>
      <p className="flex gap-4 text-sm">
        <Link href="/" className="text-blue-700 underline dark:text-blue-300">
          All keys
        </Link>
        <Link href="/search" className="text-blue-700 underline dark:text-blue-300">
          Search
        </Link>
      </p>
    </div>
  );
}
