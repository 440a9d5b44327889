"use client";
// The SMTP rotation's cut-over watch: the new user's key must be used for SES (an email sent with the
// new credentials) and every key of the old user quiet.
import type { SmtpCutoverView } from "@/lib/rotation/smtp-view.ts";
import { CutoverWatch, KeyLine, type CutoverWording, type Polled } from "../rotation/cutover-watch.tsx";
import { SmtpRotationForm } from "./smtp-rotation-form.tsx";

const wording: CutoverWording = {
  inUse: "New SMTP credentials are sending through SES.",
  waiting: "Waiting for an email sent with the new SMTP credentials…",
  quiet: "Old user",
  notSettled: "Available once the new credentials have sent mail through SES and the old user has been quiet for the whole window.",
};

export function SmtpCutoverWatcher(props: { rotationId: string; oldUserName: string; newUserName: string; initial: Polled<SmtpCutoverView>; pollSeconds: number }) {
  const keys = (data: Polled<SmtpCutoverView>) => (
    <>
      {data.oldKeys.map((k) => (
        <KeyLine key={k.accessKeyId} label={`Old user ${props.oldUserName}`} testId="old-key-last-used" k={k} />
      ))}
      <KeyLine label={`New user ${props.newUserName}`} testId="new-key-last-used" k={data.newKey} />
    </>
  );
  return <CutoverWatch rotationId={props.rotationId} api="smtp-rotations" initial={props.initial} pollSeconds={props.pollSeconds} wording={wording} keys={keys} Form={SmtpRotationForm} />;
}
