-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Rotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "iamUserId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'key',
    "activeLock" TEXT,
    "newUserLock" TEXT,
    "step" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "oldKeyId" TEXT,
    "newKeyId" TEXT,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Rotation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Rotation_iamUserId_fkey" FOREIGN KEY ("iamUserId") REFERENCES "IamUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Rotation" ("accountId", "activeLock", "completedAt", "iamUserId", "id", "newKeyId", "oldKeyId", "startedAt", "startedBy", "state", "step", "updatedAt", "version") SELECT "accountId", "activeLock", "completedAt", "iamUserId", "id", "newKeyId", "oldKeyId", "startedAt", "startedBy", "state", "step", "updatedAt", "version" FROM "Rotation";
DROP TABLE "Rotation";
ALTER TABLE "new_Rotation" RENAME TO "Rotation";
CREATE UNIQUE INDEX "Rotation_activeLock_key" ON "Rotation"("activeLock");
CREATE UNIQUE INDEX "Rotation_newUserLock_key" ON "Rotation"("newUserLock");
CREATE INDEX "Rotation_iamUserId_idx" ON "Rotation"("iamUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

