-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "roleArn" TEXT,
    "externalId" TEXT,
    "changeRole" TEXT NOT NULL DEFAULT 'rotator',
    "removedAt" DATETIME,
    "reportGeneratedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Account" ("createdAt", "id", "name", "updatedAt") SELECT "createdAt", "id", "name", "updatedAt" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_name_key" ON "Account"("name");
CREATE TABLE "new_SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT,
    "actor" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL,
    "usersSeen" INTEGER NOT NULL DEFAULT 0,
    "keysSeen" INTEGER NOT NULL DEFAULT 0,
    "keysAdded" INTEGER NOT NULL DEFAULT 0,
    "keysDeleted" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "phase" TEXT,
    "usersDone" INTEGER NOT NULL DEFAULT 0,
    "usersTotal" INTEGER NOT NULL DEFAULT 0,
    "iamCalls" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "SyncRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SyncRun" ("accountId", "actor", "error", "finishedAt", "id", "keysAdded", "keysDeleted", "keysSeen", "startedAt", "status", "usersSeen") SELECT "accountId", "actor", "error", "finishedAt", "id", "keysAdded", "keysDeleted", "keysSeen", "startedAt", "status", "usersSeen" FROM "SyncRun";
DROP TABLE "SyncRun";
ALTER TABLE "new_SyncRun" RENAME TO "SyncRun";
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

