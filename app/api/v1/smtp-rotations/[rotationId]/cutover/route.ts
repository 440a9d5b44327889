// Polled by the SMTP user rotation page while it waits for cut-over: reads both users' keys from IAM, at
// most once every few seconds per user however many people (or scripts) poll.
import { guardedRoute } from "@/lib/auth/gate.ts";
import { getSmtpRotation } from "@/lib/db/smtp-rotations.ts";
import { userMessageOf } from "@/lib/errors.ts";
import { defaultDeps, readLiveUserThrottled } from "@/lib/rotation/context.ts";
import { smtpCutoverOf, smtpRotationKeys } from "@/lib/rotation/smtp-view.ts";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export const GET = guardedRoute("inventory.read", async (_request: Request, { params }: { params: Promise<{ rotationId: string }> }) => {
  const { rotationId } = await params;
  const rotation = await getSmtpRotation(rotationId);
  if (!rotation) return Response.json({ error: "No such SES SMTP user rotation." }, { status: 404, headers: noStore });
  const state = rotation.state;
  if (state.step === "verify-cutover") {
    try {
      await Promise.all([state.oldUserName, state.newUserName].map((userName) => readLiveUserThrottled(defaultDeps, rotation.accountId, userName)));
    } catch (error) {
      return Response.json({ error: userMessageOf(error) }, { status: 502, headers: noStore });
    }
  }
  const { oldKeys, newKeys } = await smtpRotationKeys(rotation);
  return Response.json({ step: state.step, version: rotation.version, ...smtpCutoverOf(state, oldKeys, newKeys, new Date()) }, { headers: noStore });
});
