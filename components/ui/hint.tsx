"use client";
// A short label that explains itself: on hover and on keyboard focus a tooltip says why and what to do.
// The tooltip is fixed to the viewport, so a scrolling table frame cannot clip it; screen readers get it
// as the label's description, and read it in the text as well (it is only visually hidden when closed).
import { useId, useRef, useState, type ReactNode } from "react";

type Props = {
  label: ReactNode;
  hint: string;
  className: string;
  /** data-* attributes for tests and styling hooks. */
  data?: Record<`data-${string}`, string>;
};

export function Hint({ label, hint, className, data }: Props) {
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);
  const show = () => {
    const box = ref.current?.getBoundingClientRect();
    if (box) setAt({ top: box.bottom + 2, left: Math.max(8, Math.min(box.left, window.innerWidth - 296)) });
  };
  const hide = () => setAt(null);
  return (
    <span
      ref={ref}
      tabIndex={0}
      aria-describedby={id}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
      // WCAG 1.4.13: a tooltip can be dismissed without moving the pointer or focus.
      onKeyDown={(e) => e.key === "Escape" && hide()}
      className={`cursor-help focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400 ${className}`}
      {...data}
    >
      {label}
      <span className="sr-only">: </span>
      <span
        id={id}
        role="tooltip"
        style={at ? { top: at.top, left: at.left } : undefined}
        className={
          at
            ? "fixed z-30 w-72 rounded bg-slate-900 px-2 py-1.5 text-left text-xs font-normal whitespace-normal text-white normal-case shadow-lg dark:bg-slate-100 dark:text-slate-900"
            : "sr-only"
        }
      >
        {hint}
      </span>
    </span>
  );
}
