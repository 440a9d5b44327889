"use client";
// The key rotation's cut-over watch: Last used of the old and the new key.
import type { CutoverView } from "@/lib/rotation/view.ts";
import { CutoverWatch, KeyLine, type CutoverWording, type Polled } from "./cutover-watch.tsx";
import { RotationForm } from "./rotation-form.tsx";

const wording: CutoverWording = {
  inUse: "New key in use.",
  waiting: "Waiting for the new key to be used…",
  quiet: "Old key",
  notSettled: "Available once the new key is in use and the old key has been quiet for the whole window.",
};

function keys(data: Polled<CutoverView>) {
  return (
    <>
      <KeyLine label="Old key" testId="old-key-last-used" k={data.oldKey} showCreated />
      <KeyLine label="New key" testId="new-key-last-used" k={data.newKey} showCreated />
    </>
  );
}

export function CutoverWatcher({ rotationId, initial, pollSeconds }: { rotationId: string; initial: Polled<CutoverView>; pollSeconds: number }) {
  return <CutoverWatch rotationId={rotationId} api="rotations" initial={initial} pollSeconds={pollSeconds} wording={wording} keys={keys} Form={RotationForm} />;
}
