export default function Loading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-label="Loading">
      <div className="h-6 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid grid-cols-5 gap-3">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-16 rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      <div className="h-96 rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
