// Polled by the rotation page while it waits for cut-over: reads both keys' last use from IAM, at most
// once every few seconds per user however many people (or scripts) poll.
import { guardedRoute } from "@/lib/auth/gate.ts";
import { listKeysOfUser } from "@/lib/db/keys.ts";
import { getRotation } from "@/lib/db/rotations.ts";
import { userMessageOf } from "@/lib/errors.ts";
import { defaultDeps, readLiveUserThrottled } from "@/lib/rotation/context.ts";
import { cutoverOf } from "@/lib/rotation/view.ts";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export const GET = guardedRoute("inventory.read", async (_request: Request, { params }: { params: Promise<{ rotationId: string }> }) => {
  const { rotationId } = await params;
  const rotation = await getRotation(rotationId);
  if (rotation?.kind !== "key") return Response.json({ error: "No such key rotation." }, { status: 404, headers: noStore });
  try {
    await readLiveUserThrottled(defaultDeps, rotation.accountId, rotation.userName);
  } catch (error) {
    return Response.json({ error: userMessageOf(error) }, { status: 502, headers: noStore });
  }
  const keys = await listKeysOfUser(rotation.accountId, rotation.userName);
  return Response.json({ step: rotation.step, version: rotation.version, ...cutoverOf(rotation.state, keys, new Date()) }, { headers: noStore });
});
