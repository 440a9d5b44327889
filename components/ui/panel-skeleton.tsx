// The placeholder of a panel that is still loading, so the rest of the page does not wait for it.
export function PanelSkeleton({ label, rows = 2 }: { label: string; rows?: number }) {
  return (
    <div className="animate-pulse space-y-3" aria-busy="true" aria-label={label}>
      <div className="h-6 w-32 rounded bg-slate-200 dark:bg-slate-800" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-20 rounded bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
