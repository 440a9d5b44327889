// What a rotation's true step is, given what IAM shows now. Pure. The runner claims a step in the
// database before it calls IAM; a crash (or a failure) between the two leaves a rotation that claims what
// IAM does not show, or a key IAM created that no rotation recorded. This says how to put it right.
import type { Effect, KeySnapshot, RotationState } from "./types.ts";

export type Reconciled = {
  /** The step IAM's facts support, when it differs from the stored one. */
  state?: RotationState;
  /** IAM changes that make the facts safe again (an orphan key made Inactive, then deleted when never used). */
  effects: Effect[];
  reason: string;
};

// A key whose creation time is this close to the request (clock skew between keyrotate and AWS) is the one
// the request created.
const SKEW_MS = 5 * 60_000;

export function reconcileRotation(state: RotationState, keys: KeySnapshot[], now: Date, inactiveSince: (accessKeyId: string) => Date | null): Reconciled | null {
  const find = (id: string | null) => (id ? keys.find((k) => k.accessKeyId === id) : undefined);
  switch (state.step) {
    case "create-key": {
      if (state.createRequestedAt === null) return null;
      const requested = state.createRequestedAt.getTime() - SKEW_MS;
      const orphan = keys.find((k) => k.accessKeyId !== state.oldKeyId && k.createDate.getTime() >= requested);
      if (!orphan) return null;
      const effects: Effect[] = [];
      if (orphan.status === "Active") effects.push({ type: "set-key-status", accessKeyId: orphan.accessKeyId, status: "Inactive" });
      if (orphan.lastUsedDate === null) effects.push({ type: "delete-key", accessKeyId: orphan.accessKeyId });
      return {
        state: { ...state, createRequestedAt: null },
        effects,
        reason:
          `IAM created key ${orphan.accessKeyId} for this rotation, but keyrotate never recorded it, so its secret was never shown and is gone. ` +
          (orphan.lastUsedDate === null ? "It was never used: made Inactive and deleted. Create the new key again." : "It has been used (by whom?): made Inactive and left for you to check."),
      };
    }
    case "old-inactive": {
      const old = find(state.oldKeyId);
      if (!old) return { state: { step: "done", startedAt: state.startedAt, oldKeyId: state.oldKeyId, newKeyId: state.newKeyId, completedAt: now }, effects: [], reason: `Old key ${state.oldKeyId} is already gone from IAM: the rotation is done.` };
      if (old.status === "Inactive") return null;
      const retire: RotationState = state.newKeyId
        ? { step: "retire", startedAt: state.startedAt, oldKeyId: state.oldKeyId, newKeyId: state.newKeyId, verifyStartedAt: state.deactivatedAt, notification: { status: "sent", at: state.deactivatedAt } }
        : { step: "retire", startedAt: state.startedAt, oldKeyId: state.oldKeyId, newKeyId: null, verifyStartedAt: null, notification: { status: "sent", at: state.deactivatedAt } };
      return { state: retire, effects: [], reason: `keyrotate had recorded old key ${state.oldKeyId} as Inactive, but IAM shows it Active: the change never reached IAM. Deactivate it again.` };
    }
    case "done": {
      const old = find(state.oldKeyId);
      if (!old) return null;
      return {
        state: { step: "old-inactive", startedAt: state.startedAt, oldKeyId: state.oldKeyId, newKeyId: state.newKeyId, deactivatedAt: inactiveSince(state.oldKeyId) ?? now, overrideReason: null },
        effects: [],
        reason: `keyrotate had recorded the rotation as done, but old key ${state.oldKeyId} still exists in IAM: the delete never reached IAM. Delete it again.`,
      };
    }
    case "verify-cutover":
    case "retire": {
      const old = find(state.oldKeyId);
      if (!old || old.status !== "Inactive") return null;
      return {
        state: { step: "old-inactive", startedAt: state.startedAt, oldKeyId: state.oldKeyId, newKeyId: state.newKeyId, deactivatedAt: inactiveSince(state.oldKeyId) ?? now, overrideReason: null },
        effects: [],
        reason: `Old key ${state.oldKeyId} is Inactive in IAM, though the rotation had not recorded deactivating it (a rollback that never reached IAM, or a change outside keyrotate).`,
      };
    }
    default:
      return null;
  }
}
