"use client";
// The outcome of the last SMTP rotation command, kept above the step panel (a command that succeeds
// replaces the form that sent it). New SMTP credentials are held here, in memory only, until their
// dialog is closed.
import { createContext, useContext, useState, type ReactNode } from "react";
import type { SmtpCredentials } from "@/lib/rotation/smtp-context.ts";
import { SmtpCredentialsDialog } from "./smtp-credentials-dialog.tsx";

export type SmtpOutcome = { ok: boolean; message: string; credentials?: SmtpCredentials | null };

const Report = createContext<(outcome: SmtpOutcome) => void>(() => {});

export function useReportSmtpOutcome() {
  return useContext(Report);
}

export function SmtpOutcomeHolder({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<SmtpOutcome | null>(null);
  const [credentials, setCredentials] = useState<SmtpCredentials | null>(null);
  function report(next: SmtpOutcome) {
    setOutcome({ ok: next.ok, message: next.message });
    if (next.credentials) setCredentials(next.credentials);
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
      {credentials && <SmtpCredentialsDialog credentials={credentials} onClose={() => setCredentials(null)} />}
    </Report.Provider>
  );
}
