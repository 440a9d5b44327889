export default function Loading() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true" aria-label="Loading the key">
      <div className="h-7 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-28 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="space-y-3">
        <div className="h-6 w-32 rounded bg-slate-200 dark:bg-slate-800" />
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="h-24 rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
