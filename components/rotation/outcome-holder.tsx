"use client";
// The outcome of the last rotation command, kept above the step panel: a command that succeeds
// moves the rotation on, which replaces the form that sent it, and a refused one may too (someone
// else moved it). A just-created secret is held here, in memory only, until its dialog is closed.
import { createContext, useContext, useState, type ReactNode } from "react";
import { SecretDialog } from "@/components/keys/secret-dialog.tsx";
import type { NewSecret } from "@/lib/iam/types.ts";

export type Outcome = { ok: boolean; message: string; secret?: NewSecret | null };

const Report = createContext<(outcome: Outcome) => void>(() => {});

export function useReportOutcome() {
  return useContext(Report);
}

export function OutcomeHolder({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [secret, setSecret] = useState<NewSecret | null>(null);
  function report(next: Outcome) {
    setOutcome({ ok: next.ok, message: next.message });
    if (next.secret) setSecret(next.secret);
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
      {secret && <SecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </Report.Provider>
  );
}
