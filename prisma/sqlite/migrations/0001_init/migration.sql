-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IamUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "createDate" DATETIME NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    CONSTRAINT "IamUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessKey" (
    "accessKeyId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "iamUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createDate" DATETIME NOT NULL,
    "lastUsedDate" DATETIME,
    "lastUsedService" TEXT,
    "lastUsedRegion" TEXT,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    CONSTRAINT "AccessKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AccessKey_iamUserId_fkey" FOREIGN KEY ("iamUserId") REFERENCES "IamUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncRun" (
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
    CONSTRAINT "SyncRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "iamUserId" TEXT NOT NULL,
    "accessKeyId" TEXT,
    "kind" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "notes" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "confirmedBy" TEXT,
    "confirmedAt" DATETIME,
    CONSTRAINT "Location_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Location_iamUserId_fkey" FOREIGN KEY ("iamUserId") REFERENCES "IamUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Location_accessKeyId_fkey" FOREIGN KEY ("accessKeyId") REFERENCES "AccessKey" ("accessKeyId") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "iamUserId" TEXT NOT NULL,
    "activeLock" TEXT,
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

-- CreateTable
CREATE TABLE "RotationLocationUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rotationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "note" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RotationLocationUpdate_rotationId_fkey" FOREIGN KEY ("rotationId") REFERENCES "Rotation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RotationLocationUpdate_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "accountId" TEXT,
    "userName" TEXT,
    "accessKeyId" TEXT,
    "input" TEXT,
    "result" TEXT NOT NULL,
    "message" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "IamUser_accountId_userName_key" ON "IamUser"("accountId", "userName");

-- CreateIndex
CREATE INDEX "AccessKey_accountId_deletedAt_idx" ON "AccessKey"("accountId", "deletedAt");

-- CreateIndex
CREATE INDEX "AccessKey_iamUserId_idx" ON "AccessKey"("iamUserId");

-- CreateIndex
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");

-- CreateIndex
CREATE INDEX "Location_accessKeyId_idx" ON "Location"("accessKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "Location_iamUserId_kind_system_environment_identifier_key" ON "Location"("iamUserId", "kind", "system", "environment", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Rotation_activeLock_key" ON "Rotation"("activeLock");

-- CreateIndex
CREATE INDEX "Rotation_iamUserId_idx" ON "Rotation"("iamUserId");

-- CreateIndex
CREATE UNIQUE INDEX "RotationLocationUpdate_rotationId_locationId_key" ON "RotationLocationUpdate"("rotationId", "locationId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_accessKeyId_idx" ON "AuditEvent"("accessKeyId");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_idx" ON "AuditEvent"("actor");


-- The audit trail is append-only: the database refuses to change or remove a record.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END;
