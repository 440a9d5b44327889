// Writes a small inventory straight into the database, for tests that need keys but not IAM.
import { saveInventory } from "../db/inventory.ts";
import type { IamUserWithKeys, KeyStatus } from "../iam/types.ts";

export const ACCOUNT = "123456789012";

export function fakeUser(userName: string, keys: Array<{ id: string; ageDays?: number; usedDaysAgo?: number | null; status?: KeyStatus }>, now = new Date()): IamUserWithKeys {
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  return {
    userName,
    userId: `AIDA${userName.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(16, "X").slice(0, 16)}`,
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    path: "/",
    tags: null,
    createDate: daysAgo(400),
    keys: keys.map((k) => ({
      accessKeyId: k.id,
      userName,
      status: k.status ?? "Active",
      createDate: daysAgo(k.ageDays ?? 30),
      lastUsed:
        k.usedDaysAgo === null
          ? { lastUsedDate: null, service: null, region: null }
          : { lastUsedDate: daysAgo(k.usedDaysAgo ?? 1), service: "s3", region: "eu-west-1" },
    })),
  };
}

export async function seedInventory(users: IamUserWithKeys[], now = new Date()) {
  return saveInventory(ACCOUNT, users, now);
}
