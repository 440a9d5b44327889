"use client";
// The rest of a row's actions behind one button (a disclosure: the button says whether it is open, Tab
// walks into the list, Escape closes it and returns to the button). The list opens inside the row rather
// than floating, so a scrolling table cannot clip it and a dialog opened from it stays mounted.
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { secondaryButton } from "./button.ts";

type Props = { label: string; open: boolean; onOpenChange: (open: boolean) => void; items: ReactNode[] };

export function MoreMenu({ label, open, onOpenChange, items }: Props) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    // Escape inside a confirmation dialog belongs to the dialog.
    if (e.key !== "Escape" || !open || (e.target as Element).closest("dialog")) return;
    e.preventDefault();
    onOpenChange(false);
    button.current?.focus();
  };
  return (
    <div className="inline-flex flex-col items-start gap-1" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        onClick={() => onOpenChange(!open)}
        className={`${secondaryButton} px-2`}
      >
        More<span aria-hidden> {open ? "▴" : "▾"}</span>
      </button>
      <ul id={id} hidden={!open} className="flex flex-col items-start gap-1 rounded border border-slate-200 bg-slate-50 p-1 dark:border-slate-700 dark:bg-slate-800">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
