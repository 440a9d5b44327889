"use client";
// The new SES SMTP credentials, shown once: the SMTP user name (the access key id), the password derived
// for the chosen region, and the region's endpoint. The secret access key itself never reaches the page.
import type { SmtpCredentials } from "@/lib/rotation/smtp-context.ts";
import { CopyBlock, OnceDialog } from "../keys/once-dialog.tsx";

/** Ready to paste into an application's environment (values need no quoting: base64 and host names). */
function envSnippet(c: SmtpCredentials): string {
  return [`SMTP_HOST=${c.endpoint}`, `SMTP_PORT=${c.port}`, `SMTP_USERNAME=${c.smtpUserName}`, `SMTP_PASSWORD=${c.smtpPassword}`].join("\n");
}

export function SmtpCredentialsDialog({ credentials, onClose }: { credentials: SmtpCredentials; onClose: () => void }) {
  return (
    <OnceDialog
      heading={`SMTP credentials for ${credentials.iamUserName}`}
      warning={`This SMTP password (for ${credentials.region}) is shown once. keyrotate stores neither it nor the secret it comes from: copy it now.`}
      question="Have you stored the SMTP password? It cannot be shown again."
      onClose={onClose}
    >
      <CopyBlock label={`SMTP endpoint (port ${credentials.port}, STARTTLS)`} what="SMTP endpoint" text={credentials.endpoint} />
      <CopyBlock label="SMTP user name (the access key id)" what="SMTP user name" text={credentials.smtpUserName} />
      <CopyBlock label="SMTP password" what="SMTP password" text={credentials.smtpPassword} />
      <CopyBlock label="Environment variables" what="environment variables" text={envSnippet(credentials)} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The password works only in {credentials.region}: an application sending through another region needs credentials derived for that one.
      </p>
    </OnceDialog>
  );
}
