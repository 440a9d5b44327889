-- CreateTable
CREATE TABLE "Owner" (
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "team" TEXT,
    "contact" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("accountId", "userName")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "accessKeyId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "milestone" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "contact" TEXT,
    "channels" TEXT NOT NULL,
    "delivered" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Owner_team_idx" ON "Owner"("team");

-- CreateIndex
CREATE INDEX "Reminder_status_idx" ON "Reminder"("status");

-- CreateIndex
CREATE INDEX "Reminder_createdAt_idx" ON "Reminder"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_accountId_accessKeyId_milestone_key" ON "Reminder"("accountId", "accessKeyId", "milestone");

