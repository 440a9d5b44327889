// Polled by the rotation page while it waits for cut-over: reads both keys' last use from IAM now.
import { listKeysOfUser } from "@/lib/db/keys.ts";
import { getRotation } from "@/lib/db/rotations.ts";
import { userMessageOf } from "@/lib/errors.ts";
import { defaultDeps, readLiveUser } from "@/lib/rotation/context.ts";
import { cutoverOf } from "@/lib/rotation/view.ts";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ rotationId: string }> }) {
  const { rotationId } = await params;
  const rotation = await getRotation(rotationId);
  if (!rotation) return Response.json({ error: "No such rotation." }, { status: 404 });
  try {
    await readLiveUser(defaultDeps, rotation.accountId, rotation.userName);
  } catch (error) {
    return Response.json({ error: userMessageOf(error) }, { status: 502, headers: { "cache-control": "no-store" } });
  }
  const keys = await listKeysOfUser(rotation.accountId, rotation.userName);
  return Response.json(
    { step: rotation.step, version: rotation.version, ...cutoverOf(rotation.state, keys, new Date()) },
    { headers: { "cache-control": "no-store" } },
  );
}
