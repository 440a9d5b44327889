"use client";
// Shows a new key's secret exactly once (see OnceDialog for how it is kept off everything but the screen).
import type { NewSecret } from "@/lib/iam/types.ts";
import { CopyBlock, OnceDialog } from "./once-dialog.tsx";
import { credentialsSnippet, envSnippet } from "./snippets.ts";

export function SecretDialog({ secret, onClose }: { secret: NewSecret; onClose: () => void }) {
  return (
    <OnceDialog
      heading={`New access key for ${secret.userName}`}
      warning="This secret is shown once. keyrotate does not store it: copy it now."
      question="Have you stored the secret? It cannot be shown again."
      onClose={onClose}
    >
      <CopyBlock label="Access key id" what="access key id" text={secret.accessKeyId} />
      <CopyBlock label="Secret access key" what="secret access key" text={secret.secretAccessKey} />
      <CopyBlock label="Environment variables" what="environment variables" text={envSnippet(secret)} />
      <CopyBlock label="Credentials file (~/.aws/credentials)" what="credentials block" text={credentialsSnippet(secret)} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        A shell keeps pasted commands in its history: clear it afterwards, or prefix the lines with a space where the shell ignores those.
      </p>
    </OnceDialog>
  );
}
