"use client";
// The outcome of the last rotation command, kept above the step panel: a command that succeeds
// moves the rotation on, which replaces the form that sent it, and a refused one may too (someone
// else moved it). What a command reveals once (a new secret, new SMTP credentials) is held here, in
// memory only, until its dialog is closed. One holder serves every kind of rotation: the kind's form
// says what to reveal and how.
import { createContext, useContext, useState, type ReactNode } from "react";

/** Renders what is shown once; `close` forgets it. */
export type Reveal = (close: () => void) => ReactNode;

export type Outcome = { ok: boolean; message: string; reveal?: Reveal | null };

const Report = createContext<(outcome: Outcome) => void>(() => {});

export function useReportOutcome() {
  return useContext(Report);
}

export function OutcomeHolder({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Wrapped in an object: a function given to useState's setter would be called as an updater.
  const [held, setHeld] = useState<{ reveal: Reveal } | null>(null);
  function report(next: Outcome) {
    setOutcome({ ok: next.ok, message: next.message });
    if (next.reveal) setHeld({ reveal: next.reveal });
  }
  return (
    <Report.Provider value={report}>
      <p
        aria-live="polite"
        data-testid="rotation-outcome"
        className={`mb-3 text-sm ${outcome?.ok ? "text-green-800 dark:text-green-300" : "text-red-700 dark:text-red-300"}`}
      >
        {outcome?.message}
      </p>
      {children}
      {held?.reveal(() => setHeld(null))}
    </Report.Provider>
  );
}
